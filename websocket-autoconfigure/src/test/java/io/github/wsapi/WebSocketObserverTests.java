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
package io.github.wsapi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketObserver}: what metrics are told, and when.
 *
 * @author wsapi contributors
 */
class WebSocketObserverTests {

	private static SpringTestServer server;

	@BeforeAll
	static void startServer() {
		server = SpringTestServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void observerSeesOpenMessagesInBothDirectionsAndACleanClose() {
		RecordingObserver observer = new RecordingObserver();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options(observer));
		socket.onopen((event) -> {
			socket.send("héllo");
			socket.send(new byte[3]);
		});
		socket.onmessage((event) -> {
			if (event.data() instanceof Blob) {
				socket.close(1000);
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> observer.calls.contains("closed 1000 failed=false"));
		// writes and echoes interleave; each direction keeps its own order
		assertThat(observer.calls).first().isEqualTo("opened");
		assertThat(observer.calls).last().isEqualTo("closed 1000 failed=false");
		assertThat(observer.calls).filteredOn((call) -> call.startsWith("sent"))
			.containsExactly("sent text 6", "sent binary 3");
		assertThat(observer.calls).filteredOn((call) -> call.startsWith("received"))
			.containsExactly("received text 6", "received binary 3");
	}

	@Test
	void observerSeesAFailedOpenBeforeTheClose() {
		RecordingObserver observer = new RecordingObserver();
		new WebSocket("ws://127.0.0.1:" + RawWebSocketServer.refusedPort() + "/", List.of(), options(observer));
		await().atMost(Duration.ofSeconds(10)).until(() -> observer.calls.size() == 2);
		assertThat(observer.calls).containsExactly("openFailed", "closed 1006 failed=true");
	}

	@Test
	void observerSeesAListenerThatThrows() {
		RecordingObserver observer = new RecordingObserver();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options(observer));
		socket.onopen((event) -> {
			throw new IllegalStateException("listener bug");
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> observer.calls.contains("listenerFailed open"));
		socket.close();
	}

	@Test
	void observersAddUpInTheOrderTheyWereSet() {
		RecordingObserver first = new RecordingObserver();
		RecordingObserver second = new RecordingObserver();
		WebSocketOptions options = WebSocketOptions.builder().observer(first).observer(second).build();
		new WebSocket("ws://127.0.0.1:" + RawWebSocketServer.refusedPort() + "/", List.of(), options);
		await().atMost(Duration.ofSeconds(10)).until(() -> second.calls.size() == 2);
		assertThat(first.calls).containsExactly("openFailed", "closed 1006 failed=true");
		assertThat(second.calls).containsExactly("openFailed", "closed 1006 failed=true");
	}

	private static WebSocketOptions options(WebSocketObserver observer) {
		return WebSocketOptions.builder().observer(observer).build();
	}

	static final class RecordingObserver implements WebSocketObserver {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public void opened(WebSocket socket, Duration handshakeTime) {
			this.calls.add("opened");
		}

		@Override
		public void openFailed(WebSocket socket, Duration elapsed, @Nullable Throwable cause) {
			this.calls.add("openFailed");
		}

		@Override
		public void messageSent(WebSocket socket, boolean text, long bytes) {
			this.calls.add("sent " + (text ? "text " : "binary ") + bytes);
		}

		@Override
		public void messageReceived(WebSocket socket, boolean text, long bytes) {
			this.calls.add("received " + (text ? "text " : "binary ") + bytes);
		}

		@Override
		public void closed(WebSocket socket, CloseEvent event, boolean failed) {
			this.calls.add("closed " + event.code() + " failed=" + failed);
		}

		@Override
		public void listenerFailed(WebSocket socket, Event event, Throwable error) {
			this.calls.add("listenerFailed " + event.type());
		}

	}

}
