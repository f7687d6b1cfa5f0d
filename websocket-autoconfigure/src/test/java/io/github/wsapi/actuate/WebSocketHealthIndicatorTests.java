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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketHealthIndicator}.
 *
 * @author wsapi contributors
 */
class WebSocketHealthIndicatorTests {

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final WebSocketClientTracker tracker = new WebSocketClientTracker(this.clock);

	@Test
	void clientsThatAreNotRequiredNeverMakeItDown() {
		this.tracker.track("prices", neverConnected());
		this.clock.advance(Duration.ofHours(1));
		Health health = indicator().health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(clients(health)).containsOnlyKeys("prices");
	}

	@Test
	void requiredClientIsDownOnlyOnceNotOpenForLongerThanTheGracePeriod() {
		this.tracker.track("prices", neverConnected());
		this.clock.advance(GRACE_PERIOD);
		assertThat(indicator("prices").health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(indicator("prices").health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void openRequiredClientIsUp() {
		try (SpringTestServer server = SpringTestServer.start()) {
			WebSocket socket = new WebSocket(server.url("/echo"), List.of(),
					WebSocketOptions.builder().connectOnCreate(false).build());
			this.tracker.track("prices", socket);
			socket.connect();
			await().atMost(Duration.ofSeconds(10)).until(() -> socket.readyState() == WebSocket.OPEN);
			this.clock.advance(Duration.ofHours(1));
			Health health = indicator("prices").health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(clients(health).get("prices")).containsEntry("readyState", "OPEN")
				.containsEntry("required", true)
				.containsEntry("reconnecting", false)
				.doesNotContainKey("notOpenSince");
			socket.close();
		}
	}

	@Test
	void detailsShowEachClientWithItsStateAndUrlWithoutSecrets() {
		this.tracker.track("prices", new WebSocket("wss://user:secret@example.com/feed?token=abc", List.of(),
				WebSocketOptions.builder().connectOnCreate(false).header("Authorization", "Bearer hdr").build()));
		Health health = indicator("prices").health();
		assertThat(clients(health).get("prices")).containsEntry("readyState", "CONNECTING")
			.containsEntry("url", "wss://example.com:443/feed")
			.containsEntry("required", true)
			.containsEntry("notOpenSince", this.clock.instant().toString());
		assertThat(health.toString()).doesNotContain("secret", "abc", "hdr");
	}

	@Test
	void requiredClientThatIsNotTrackedIsDown() {
		Health health = indicator("prices").health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(clients(health).get("prices")).containsEntry("error", "No such client");
	}

	private WebSocketHealthIndicator indicator(String... requiredClients) {
		return new WebSocketHealthIndicator(this.tracker, Set.of(requiredClients), GRACE_PERIOD);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> clients(Health health) {
		return (Map<String, Map<String, Object>>) health.getDetails().get("clients");
	}

	private static WebSocket neverConnected() {
		return new WebSocket("ws://127.0.0.1:9/feed", List.of(),
				WebSocketOptions.builder().connectOnCreate(false).build());
	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-11-22T20:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
