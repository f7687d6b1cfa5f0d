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

import java.util.List;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.actuate.WebSocketsEndpoint.ClientDescriptor;
import io.github.wsapi.actuate.WebSocketsEndpoint.EndpointDescriptor;
import io.github.wsapi.actuate.WebSocketsEndpoint.WebSocketsDescriptor;
import io.github.wsapi.server.WebSocketEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketsEndpoint}.
 *
 * @author wsapi contributors
 */
class WebSocketsEndpointTests {

	private final WebSocketClientTracker tracker = new WebSocketClientTracker();

	private final WebSocketsEndpoint endpoint = new WebSocketsEndpoint(this.tracker,
			List.of(endpoint("/echo"), endpoint("/rooms/*", "/lobby")));

	@Test
	void listsClientsAndServerEndpoints() {
		this.tracker.track("prices", socket("ws://127.0.0.1:9/prices"));
		this.tracker.track("audit", socket("ws://127.0.0.1:9/audit"));
		WebSocketsDescriptor descriptor = this.endpoint.websockets();
		assertThat(descriptor.clients()).containsOnlyKeys("audit", "prices");
		ClientDescriptor prices = descriptor.clients().get("prices");
		assertThat(prices.url()).isEqualTo("ws://127.0.0.1:9/prices");
		assertThat(prices.readyState()).isEqualTo("CONNECTING");
		assertThat(prices.protocol()).isEmpty();
		assertThat(prices.bufferedAmount()).isZero();
		assertThat(prices.lastCloseCode()).isNull();
		assertThat(descriptor.endpoints()).containsOnlyKeys("/echo", "/rooms/*,/lobby");
		EndpointDescriptor rooms = descriptor.endpoints().get("/rooms/*,/lobby");
		assertThat(rooms.paths()).containsExactly("/rooms/*", "/lobby");
		assertThat(rooms.openSockets()).isZero();
		assertThat(rooms.limits()).isNull();
	}

	@Test
	void selectsAClientByNameOrAnEndpointByAnyOfItsPaths() {
		this.tracker.track("prices", socket("ws://127.0.0.1:9/prices"));
		assertThat(this.endpoint.websocket("prices").clients()).containsOnlyKeys("prices");
		assertThat(this.endpoint.websocket("prices").endpoints()).isEmpty();
		assertThat(this.endpoint.websocket("echo").endpoints()).containsOnlyKeys("/echo");
		assertThat(this.endpoint.websocket("rooms", "*").endpoints()).containsOnlyKeys("/rooms/*,/lobby");
		assertThat(this.endpoint.websocket("lobby").endpoints()).containsOnlyKeys("/rooms/*,/lobby");
		assertThat(this.endpoint.websocket("nothing")).isNull();
	}

	@Test
	void neverShowsUserInfoQueryOrHeaders() {
		this.tracker.track("secret", new WebSocket("wss://user:secret@example.com/path?token=abc", List.of(),
				WebSocketOptions.builder().connectOnCreate(false).header("X-Api-Key", "hdr-value").build()));
		WebSocketsDescriptor descriptor = this.endpoint.websockets();
		assertThat(descriptor.clients().get("secret").url()).isEqualTo("wss://example.com:443/path");
		assertThat(descriptor.toString()).doesNotContain("secret@", "user", "abc", "hdr-value");
	}

	private static WebSocket socket(String url) {
		return new WebSocket(url, List.of(), WebSocketOptions.builder().connectOnCreate(false).build());
	}

	private static WebSocketEndpoint endpoint(String... paths) {
		return WebSocketEndpoint.path(paths).onConnection((socket, handshake) -> {
		}).build();
	}

}
