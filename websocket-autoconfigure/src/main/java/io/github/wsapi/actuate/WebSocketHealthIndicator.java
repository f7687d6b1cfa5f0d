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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import io.github.wsapi.actuate.WebSocketClientTracker.TrackedClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@link HealthIndicator} for WebSocket clients. Its details list every tracked client:
 * its ready state, its URL without user info or query, whether it is required, whether it
 * is reconnecting, its last close code, and since when it has not been open. It is
 * {@code DOWN} only when a required client has not been open for longer than the grace
 * period, such as while its server is gone: a client that reconnects within the grace
 * period leaves it {@code UP}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class WebSocketHealthIndicator extends AbstractHealthIndicator {

	private final WebSocketClientTracker tracker;

	private final Set<String> requiredClients;

	private final Duration gracePeriod;

	/**
	 * Create a health indicator.
	 * @param tracker the tracker of the clients
	 * @param requiredClients the names of the clients without which the application is
	 * not healthy
	 * @param gracePeriod how long a required client may be without an open connection
	 */
	public WebSocketHealthIndicator(WebSocketClientTracker tracker, Set<String> requiredClients, Duration gracePeriod) {
		super("WebSocket health check failed");
		this.tracker = tracker;
		this.requiredClients = Set.copyOf(requiredClients);
		this.gracePeriod = gracePeriod;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SortedMap<String, TrackedClient> tracked = this.tracker.clients();
		Map<String, Object> clients = new LinkedHashMap<>();
		boolean down = false;
		for (TrackedClient client : tracked.values()) {
			boolean required = this.requiredClients.contains(client.name());
			clients.put(client.name(), details(client, required));
			down |= required && client.notOpenFor().compareTo(this.gracePeriod) > 0;
		}
		for (String name : this.requiredClients) {
			if (!tracked.containsKey(name)) {
				clients.put(name, Map.of("required", true, "error", "No such client"));
				down = true;
			}
		}
		builder.status(down ? Status.DOWN : Status.UP).withDetail("clients", clients);
	}

	private Map<String, Object> details(TrackedClient client, boolean required) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("readyState", client.readyState());
		details.put("url", client.url());
		details.put("required", required);
		details.put("reconnecting", client.reconnecting());
		Integer lastCloseCode = client.lastCloseCode();
		if (lastCloseCode != null) {
			details.put("lastCloseCode", lastCloseCode);
		}
		Instant notOpenSince = client.notOpenSince();
		if (notOpenSince != null) {
			details.put("notOpenSince", notOpenSince.toString());
		}
		return details;
	}

}
