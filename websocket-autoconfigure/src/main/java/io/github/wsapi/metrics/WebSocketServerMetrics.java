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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketObserver;
import io.github.wsapi.server.WebSocketEndpoint;
import io.github.wsapi.server.WebSocketEndpointObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A {@link MeterBinder} for {@link WebSocketEndpoint}s: the gauges
 * {@code websocket.server.sessions.active} and {@code websocket.server.buffered.amount},
 * counters of messages, bytes, closes by close code class, errors and listener errors
 * over all of an endpoint's sockets, and {@code websocket.server.handshakes.refused} by
 * reason. Every meter has the tag {@code endpoint}, the endpoint's path patterns, joined
 * with commas when there are several; no meter is created per socket.
 * <p>
 * As the {@link WebSocketEndpointObserver} of the endpoints' registrar, it is told about
 * every socket and refused handshake.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class WebSocketServerMetrics implements MeterBinder, WebSocketEndpointObserver {

	private static final String PREFIX = "websocket.server";

	private final Map<WebSocketEndpoint, Endpoint> endpoints = new ConcurrentHashMap<>();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Create a binder for the given endpoints. Endpoints it is told about later get their
	 * meters then.
	 * @param endpoints the endpoints
	 */
	public WebSocketServerMetrics(List<WebSocketEndpoint> endpoints) {
		endpoints.forEach(this::endpoint);
	}

	@Override
	public WebSocketObserver socketObserver(WebSocketEndpoint endpoint) {
		return endpoint(endpoint).activity;
	}

	@Override
	public void handshakeRefused(WebSocketEndpoint endpoint, Refusal reason) {
		endpoint(endpoint).refused[reason.ordinal()].increment();
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		this.endpoints.values().forEach((endpoint) -> endpoint.bindTo(registry));
	}

	private Endpoint endpoint(WebSocketEndpoint endpoint) {
		Endpoint existing = this.endpoints.get(endpoint);
		return (existing != null) ? existing : add(endpoint);
	}

	private synchronized Endpoint add(WebSocketEndpoint endpoint) {
		return this.endpoints.computeIfAbsent(endpoint, (key) -> {
			Endpoint added = new Endpoint(key);
			this.registries.forEach(added::bindTo);
			return added;
		});
	}

	/**
	 * An endpoint and the activity of its sockets.
	 */
	private static final class Endpoint {

		private final WebSocketEndpoint endpoint;

		private final Tags tags;

		private final SocketActivity activity;

		private final LongAdder[] refused = new LongAdder[Refusal.values().length];

		Endpoint(WebSocketEndpoint endpoint) {
			this.endpoint = endpoint;
			this.tags = Tags.of("endpoint", String.join(",", endpoint.paths()));
			this.activity = new SocketActivity(PREFIX, this.tags, false);
			for (int i = 0; i < this.refused.length; i++) {
				this.refused[i] = new LongAdder();
			}
		}

		void bindTo(MeterRegistry registry) {
			this.activity.bindTo(registry);
			Gauge.builder(PREFIX + ".sessions.active", this.endpoint, (endpoint) -> endpoint.sockets().size())
				.tags(this.tags)
				.description("Open sockets")
				.strongReference(true)
				.register(registry);
			Gauge.builder(PREFIX + ".buffered.amount", this.endpoint, Endpoint::bufferedAmount)
				.tags(this.tags)
				.baseUnit(BaseUnits.BYTES)
				.description("Bytes queued by send() on the open sockets and not yet handed to the network")
				.strongReference(true)
				.register(registry);
			for (Refusal reason : Refusal.values()) {
				FunctionCounter
					.builder(PREFIX + ".handshakes.refused", this.refused[reason.ordinal()], LongAdder::doubleValue)
					.tags(this.tags)
					.tag("reason", reason.name().toLowerCase(Locale.ROOT))
					.description("Opening handshakes refused, by reason")
					.register(registry);
			}
		}

		private static double bufferedAmount(WebSocketEndpoint endpoint) {
			long sum = 0;
			for (WebSocket socket : endpoint.sockets()) {
				sum += socket.bufferedAmount();
			}
			return sum;
		}

	}

}
