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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MeterBinder} for named {@link WebSocket} clients: the gauges
 * {@code websocket.client.ready.state} and {@code websocket.client.buffered.amount}, and,
 * for a client whose options carry {@link #observer(String) its observer}, counters of
 * messages, bytes, closes by close code class, errors, listener errors and reconnect
 * attempts, and the {@code websocket.client.connect} timer. Every meter has the tag
 * {@code client}, the client's name.
 * <p>
 * Clients are {@link #add(String, WebSocket) added} and {@link #remove(String) removed}
 * by name, before or after the binder is bound to registries.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class WebSocketClientMetrics implements MeterBinder {

	private static final String PREFIX = "websocket.client";

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Return the observer that counts what the named client does, to be set in its
	 * options before it is created.
	 * @param name the client's name
	 * @return the observer
	 */
	public WebSocketObserver observer(String name) {
		Client client = this.clients.computeIfAbsent(name, Client::new);
		client.observed = true;
		return client.activity;
	}

	/**
	 * Register the meters of a client, in the registries this binder is bound to and in
	 * those it is bound to later. Another client added under the name is replaced; adding
	 * the same client again does nothing.
	 * @param name the client's name
	 * @param socket the client
	 */
	public synchronized void add(String name, WebSocket socket) {
		Client client = this.clients.computeIfAbsent(name, Client::new);
		if (client.socket == socket) {
			return;
		}
		client.removeMeters();
		client.socket = socket;
		this.registries.forEach(client::bindTo);
	}

	/**
	 * Remove the meters of a client from every registry, such as when its bean is
	 * destroyed.
	 * @param name the client's name
	 */
	public synchronized void remove(String name) {
		Client client = this.clients.remove(name);
		if (client != null) {
			client.removeMeters();
		}
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		this.clients.values().forEach((client) -> client.bindTo(registry));
	}

	/**
	 * A client, its activity, and its meters by registry.
	 */
	private static final class Client {

		private final Tags tags;

		private final SocketActivity activity;

		private final Map<MeterRegistry, List<Meter>> meters = new HashMap<>();

		private volatile boolean observed;

		private @Nullable WebSocket socket;

		Client(String name) {
			this.tags = Tags.of("client", name);
			this.activity = new SocketActivity(PREFIX, this.tags, true);
		}

		void bindTo(MeterRegistry registry) {
			WebSocket socket = this.socket;
			if (socket == null) {
				return;
			}
			// an unobserved client's counters would stay at zero: misleading
			List<Meter> meters = this.observed ? this.activity.bindTo(registry) : new ArrayList<>();
			meters.add(Gauge.builder(PREFIX + ".ready.state", socket, WebSocket::readyState)
				.tags(this.tags)
				.description("The ready state: 0 (CONNECTING), 1 (OPEN), 2 (CLOSING) or 3 (CLOSED)")
				.strongReference(true)
				.register(registry));
			meters.add(Gauge.builder(PREFIX + ".buffered.amount", socket, WebSocket::bufferedAmount)
				.tags(this.tags)
				.baseUnit(BaseUnits.BYTES)
				.description("Bytes queued by send() and not yet handed to the network")
				.strongReference(true)
				.register(registry));
			this.meters.put(registry, meters);
		}

		void removeMeters() {
			this.meters.forEach(this.activity::remove);
			this.meters.clear();
		}

	}

}
