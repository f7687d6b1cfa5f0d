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

package io.github.wsapi.metrics;

import java.util.List;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketObserver;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.server.WebSocketEndpoint;
import io.github.wsapi.server.WebSocketEndpointObserver.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketServerMetrics}.
 *
 * @author wsapi contributors
 */
class WebSocketServerMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final WebSocketEndpoint echo = endpoint("/echo");

	@Test
	void endpointHasGaugesAndCountersTaggedWithItsPathOnly() {
		new WebSocketServerMetrics(List.of(this.echo)).bindTo(this.registry);
		assertThat(this.registry.getMeters()).hasSize(21)
			.allSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("websocket.server."))
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).contains(Tag.of("endpoint", "/echo"))
				.extracting(Tag::getKey)
				.isSubsetOf("endpoint", "type", "code.class", "reason"));
		assertThat(this.registry.get("websocket.server.sessions.active").gauge().value()).isZero();
		assertThat(this.registry.get("websocket.server.buffered.amount").gauge().getId().getBaseUnit())
			.isEqualTo("bytes");
		assertThat(this.registry.find("websocket.server.connect").meters()).isEmpty();
		assertThat(this.registry.find("websocket.server.reconnect.attempts").meters()).isEmpty();
	}

	@Test
	void endpointWithSeveralPathsIsTaggedWithAllOfThem() {
		new WebSocketServerMetrics(List.of(endpoint("/rooms/*", "/lobby"))).bindTo(this.registry);
		assertThat(this.registry.getMeters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("endpoint")).isEqualTo("/rooms/*,/lobby"));
	}

	@Test
	void countsRefusedHandshakesByReason() {
		WebSocketServerMetrics metrics = new WebSocketServerMetrics(List.of(this.echo));
		metrics.bindTo(this.registry);
		metrics.handshakeRefused(this.echo, Refusal.ORIGIN);
		metrics.handshakeRefused(this.echo, Refusal.CAPACITY);
		metrics.handshakeRefused(this.echo, Refusal.CAPACITY);
		assertThat(refused("origin")).isEqualTo(1);
		assertThat(refused("capacity")).isEqualTo(2);
	}

	@Test
	void allSocketsOfAnEndpointShareOneObserver() {
		WebSocketServerMetrics metrics = new WebSocketServerMetrics(List.of(this.echo));
		metrics.bindTo(this.registry);
		WebSocketObserver observer = metrics.socketObserver(this.echo);
		assertThat(metrics.socketObserver(this.echo)).isSameAs(observer);
		WebSocket socket = new WebSocket("ws://127.0.0.1:9/echo", List.of(),
				WebSocketOptions.builder().connectOnCreate(false).build());
		observer.messageReceived(socket, true, 5);
		observer.closed(socket, new CloseEvent("close", true, 1001, ""), false);
		assertThat(this.registry.get("websocket.server.data.received").tag("type", "text").functionCounter().count())
			.isEqualTo(5);
		assertThat(
				this.registry.get("websocket.server.closes").tag("code.class", "going.away").functionCounter().count())
			.isEqualTo(1);
	}

	@Test
	void endpointFirstToldAboutLaterGetsItsMetersThen() {
		WebSocketServerMetrics metrics = new WebSocketServerMetrics(List.of());
		metrics.bindTo(this.registry);
		metrics.handshakeRefused(this.echo, Refusal.ORIGIN);
		assertThat(this.registry.getMeters()).hasSize(21);
		assertThat(refused("origin")).isEqualTo(1);
	}

	private double refused(String reason) {
		return this.registry.get("websocket.server.handshakes.refused").tag("reason", reason).functionCounter().count();
	}

	private static WebSocketEndpoint endpoint(String... paths) {
		return WebSocketEndpoint.path(paths).onConnection((socket, handshake) -> {
		}).build();
	}

}
