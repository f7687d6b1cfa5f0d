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

import java.time.Duration;
import java.util.List;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketObserver;
import io.github.wsapi.WebSocketOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketClientMetrics}.
 *
 * @author wsapi contributors
 */
class WebSocketClientMetricsTests {

	private static final WebSocketOptions NOT_CONNECTING = WebSocketOptions.builder().connectOnCreate(false).build();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final WebSocketClientMetrics metrics = new WebSocketClientMetrics();

	@Test
	void observedClientHasGaugesCountersAndTimersTaggedWithItsNameOnly() {
		this.metrics.observer("prices");
		this.metrics.add("prices", socket());
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).hasSize(22)
			.allSatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("websocket.client."))
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).contains(Tag.of("client", "prices"))
				.extracting(Tag::getKey)
				.isSubsetOf("client", "type", "code.class", "outcome"));
		assertThat(this.registry.get("websocket.client.ready.state").gauge().value()).isEqualTo(WebSocket.CONNECTING);
		assertThat(this.registry.get("websocket.client.buffered.amount").gauge().getId().getBaseUnit())
			.isEqualTo("bytes");
		assertThat(this.registry.get("websocket.client.closes").meters()).hasSize(7);
		assertThat(this.registry.get("websocket.client.connect").timers()).hasSize(2);
	}

	@Test
	void countsWhatItsObserverIsTold() {
		WebSocketObserver observer = this.metrics.observer("prices");
		WebSocket socket = socket();
		this.metrics.add("prices", socket);
		this.metrics.bindTo(this.registry);
		observer.opened(socket, Duration.ofMillis(30));
		observer.messageSent(socket, true, 6);
		observer.messageSent(socket, true, 4);
		observer.messageSent(socket, false, 1024);
		observer.messageReceived(socket, false, 3);
		observer.listenerFailed(socket, new Event("message"), new IllegalStateException());
		observer.closed(socket, new CloseEvent("close", false, 1006, ""), true);
		observer.reconnectScheduled(socket, 1, Duration.ofSeconds(1));
		observer.openFailed(socket, Duration.ofMillis(5), null);
		observer.closed(socket, new CloseEvent("close", true, 4001, "Bye"), false);
		assertThat(count("websocket.client.messages.sent", "type", "text")).isEqualTo(2);
		assertThat(count("websocket.client.data.sent", "type", "text")).isEqualTo(10);
		assertThat(count("websocket.client.data.sent", "type", "binary")).isEqualTo(1024);
		assertThat(count("websocket.client.messages.received", "type", "binary")).isEqualTo(1);
		assertThat(count("websocket.client.data.received", "type", "binary")).isEqualTo(3);
		assertThat(count("websocket.client.messages.received", "type", "text")).isZero();
		assertThat(count("websocket.client.closes", "code.class", "abnormal")).isEqualTo(1);
		assertThat(count("websocket.client.closes", "code.class", "application")).isEqualTo(1);
		assertThat(count("websocket.client.closes", "code.class", "normal")).isZero();
		assertThat(this.registry.get("websocket.client.errors").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("websocket.client.listener.errors").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("websocket.client.reconnect.attempts").functionCounter().count()).isEqualTo(1);
		assertThat(this.registry.get("websocket.client.connect").tag("outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("websocket.client.connect").tag("outcome", "failure").timer().count())
			.isEqualTo(1);
	}

	@Test
	void clientWhoseOptionsDoNotCarryTheObserverHasOnlyItsGauges() {
		this.metrics.add("own", socket());
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsExactlyInAnyOrder("websocket.client.ready.state", "websocket.client.buffered.amount");
	}

	@Test
	void clientAddedAfterBindingGetsItsMetersThen() {
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.getMeters()).isEmpty();
		this.metrics.observer("prices");
		this.metrics.add("prices", socket());
		assertThat(this.registry.getMeters()).hasSize(22);
	}

	@Test
	void removeTakesEveryMeterOfTheClientOutOfEveryRegistry() {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		this.metrics.observer("prices");
		this.metrics.add("prices", socket());
		this.metrics.observer("audit");
		this.metrics.add("audit", socket());
		this.metrics.bindTo(this.registry);
		this.metrics.bindTo(other);
		this.metrics.remove("prices");
		for (MeterRegistry registry : List.of(this.registry, other)) {
			assertThat(registry.getMeters()).hasSize(22)
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("client")).isEqualTo("audit"));
		}
	}

	@Test
	void removeFromACompositeRegistryReachesItsRegistries() {
		CompositeMeterRegistry composite = new CompositeMeterRegistry();
		composite.add(this.registry);
		this.metrics.observer("prices");
		this.metrics.add("prices", socket());
		this.metrics.bindTo(composite);
		assertThat(this.registry.getMeters()).hasSize(22);
		this.metrics.remove("prices");
		assertThat(composite.getMeters()).isEmpty();
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void addingAClientAgainReplacesItsGauges() {
		this.metrics.bindTo(this.registry);
		this.metrics.add("prices", socket());
		Gauge first = this.registry.get("websocket.client.ready.state").gauge();
		this.metrics.add("prices", socket());
		assertThat(this.registry.getMeters()).hasSize(2);
		assertThat(this.registry.get("websocket.client.ready.state").gauge()).isNotSameAs(first);
	}

	@ParameterizedTest
	@CsvSource({ "1000, normal", "1005, normal", "1001, going.away", "1002, protocol", "1003, protocol",
			"1007, protocol", "1010, protocol", "1008, policy", "1009, policy", "1006, abnormal", "1015, abnormal",
			"3000, application", "4999, application", "1004, other", "1011, other", "1012, other", "2999, other",
			"5000, other", "0, other" })
	void closeCodesAreTaggedByTheirClass(int code, String codeClass) {
		assertThat(CloseCodeClass.of(code).tagValue()).isEqualTo(codeClass);
	}

	private double count(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).functionCounter().count();
	}

	private static WebSocket socket() {
		return new WebSocket("ws://127.0.0.1:9/feed", List.of(), NOT_CONNECTING);
	}

}
