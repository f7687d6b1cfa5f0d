/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.wsapi.actuate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.actuate.WebSocketClientTracker.TrackedClient;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketClientTracker}.
 *
 * @author wsapi contributors
 */
class WebSocketClientTrackerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static SpringTestServer server;

	private final WebSocketClientTracker tracker = new WebSocketClientTracker();

	@BeforeAll
	static void startServer() {
		server = SpringTestServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@ParameterizedTest
	@CsvSource({ "wss://user:secret@example.com/path?token=abc, wss://example.com:443/path",
			"ws://example.com:8080, ws://example.com:8080/",
			"ws://a%40b:p%3Aq@example.com/feed, ws://example.com:80/feed",
			"ws://[::1]:9000/a/b?c=d, ws://[::1]:9000/a/b", "wss://[::1]/x, wss://[::1]:443/x",
			"ws://example.com/?token=abc, ws://example.com:80/" })
	void sanitizedUrlHasNoUserInfoNoQueryAndAnExplicitPort(String url, String sanitized) {
		assertThat(WebSocketClientTracker.sanitize(url)).isEqualTo(sanitized);
	}

	@Test
	void trackedClientShowsItsUrlWithoutSecrets() {
		this.tracker.track("prices", new WebSocket("wss://user:secret@example.com/path?token=abc", List.of(),
				WebSocketOptions.builder().connectOnCreate(false).build()));
		TrackedClient client = this.tracker.clients().get("prices");
		assertThat(client.url()).isEqualTo("wss://example.com:443/path");
		assertThat(client.readyState()).isEqualTo("CONNECTING");
		assertThat(client.notOpenSince()).isNotNull();
		assertThat(client.lastCloseCode()).isNull();
	}

	@Test
	void followsOpenAndCloseAndKeepsTheLastCloseCodeAndReason() {
		WebSocket socket = deferred(server.url("/goodbye"), WebSocketOptions.builder());
		this.tracker.track("goodbye", socket);
		TrackedClient client = this.tracker.clients().get("goodbye");
		socket.onmessage((event) -> assertThat(client.notOpenSince()).isNull());
		socket.connect();
		await().atMost(TIMEOUT).until(() -> client.lastCloseCode() != null);
		assertThat(client.lastCloseCode()).isEqualTo(1000);
		assertThat(client.lastCloseReason()).isEqualTo("Bye");
		assertThat(client.readyState()).isEqualTo("CLOSED");
		assertThat(client.notOpenSince()).isNotNull();
		assertThat(client.reconnecting()).isFalse();
	}

	@Test
	void reconnectingUntilTheBackOffGivesUp() throws IOException {
		WebSocket socket = deferred("ws://127.0.0.1:" + refusedPort() + "/",
				WebSocketOptions.builder().reconnect(new FixedBackOff(500, 1)));
		this.tracker.track("feed", socket);
		TrackedClient client = this.tracker.clients().get("feed");
		socket.connect();
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(client::reconnecting);
		assertThat(client.lastCloseCode()).isEqualTo(1006);
		await().atMost(TIMEOUT)
			.until(() -> socket.reconnectAttempts() == 1 && socket.readyState() == WebSocket.CLOSED
					&& !client.reconnecting());
	}

	@Test
	void untrackedClientIsNoLongerListed() {
		this.tracker.track("prices", deferred(server.url("/echo"), WebSocketOptions.builder()));
		this.tracker.untrack("prices");
		assertThat(this.tracker.clients()).isEmpty();
	}

	private static WebSocket deferred(String url, WebSocketOptions.Builder options) {
		return new WebSocket(url, List.of(), options.connectOnCreate(false).build());
	}

	private static int refusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
