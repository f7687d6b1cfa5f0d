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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Counts what the sockets of one client or of one endpoint do, and registers the meters
 * that read the counts. Counting in adders rather than in meters keeps the send and
 * receive path at one increment whatever the number of registries, and counts what
 * happens before a registry is bound.
 *
 * @author wsapi contributors
 */
final class SocketActivity implements WebSocketObserver {

	private final String prefix;

	private final Tags tags;

	private final boolean client;

	private final Traffic sent = new Traffic();

	private final Traffic received = new Traffic();

	private final LongAdder[] closes = new LongAdder[CloseCodeClass.values().length];

	private final LongAdder errors = new LongAdder();

	private final LongAdder listenerErrors = new LongAdder();

	private final LongAdder reconnectAttempts = new LongAdder();

	// one timer per bound registry
	private final List<Timer> connectSuccesses = new CopyOnWriteArrayList<>();

	private final List<Timer> connectFailures = new CopyOnWriteArrayList<>();

	/**
	 * Create the activity of a client or an endpoint.
	 * @param prefix {@code websocket.client} or {@code websocket.server}
	 * @param tags the tag that names the client or the endpoint
	 * @param client whether it is a client, which connects and reconnects
	 */
	SocketActivity(String prefix, Tags tags, boolean client) {
		this.prefix = prefix;
		this.tags = tags;
		this.client = client;
		for (int i = 0; i < this.closes.length; i++) {
			this.closes[i] = new LongAdder();
		}
	}

	@Override
	public void opened(WebSocket socket, Duration handshakeTime) {
		this.connectSuccesses.forEach((timer) -> timer.record(handshakeTime));
	}

	@Override
	public void openFailed(WebSocket socket, Duration elapsed, @Nullable Throwable cause) {
		this.connectFailures.forEach((timer) -> timer.record(elapsed));
	}

	@Override
	public void messageSent(WebSocket socket, boolean text, long bytes) {
		this.sent.count(text, bytes);
	}

	@Override
	public void messageReceived(WebSocket socket, boolean text, long bytes) {
		this.received.count(text, bytes);
	}

	@Override
	public void closed(WebSocket socket, CloseEvent event, boolean failed) {
		this.closes[CloseCodeClass.of(event.code()).ordinal()].increment();
		if (failed) {
			this.errors.increment();
		}
	}

	@Override
	public void listenerFailed(WebSocket socket, Event event, Throwable error) {
		this.listenerErrors.increment();
	}

	@Override
	public void reconnectScheduled(WebSocket socket, int attempt, Duration delay) {
		this.reconnectAttempts.increment();
	}

	/**
	 * Register the meters in a registry.
	 * @param registry the registry
	 * @return the meters, to remove them again
	 */
	List<Meter> bindTo(MeterRegistry registry) {
		List<Meter> meters = new ArrayList<>();
		this.sent.bindTo(registry, "sent", meters);
		this.received.bindTo(registry, "received", meters);
		for (CloseCodeClass codeClass : CloseCodeClass.values()) {
			meters.add(counter("closes", this.closes[codeClass.ordinal()], "Connections closed, by close code class")
				.tag("code.class", codeClass.tagValue())
				.register(registry));
		}
		meters.add(counter("errors", this.errors,
				"Connections that failed, reported by an error event, including failed connection attempts")
			.register(registry));
		meters.add(counter("listener.errors", this.listenerErrors, "Exceptions thrown by event listeners")
			.register(registry));
		if (this.client) {
			meters.add(counter("reconnect.attempts", this.reconnectAttempts, "Reconnect attempts scheduled")
				.register(registry));
			Timer success = connectTimer("success").register(registry);
			Timer failure = connectTimer("failure").register(registry);
			this.connectSuccesses.add(success);
			this.connectFailures.add(failure);
			meters.add(success);
			meters.add(failure);
		}
		return meters;
	}

	/**
	 * Remove meters that {@link #bindTo(MeterRegistry)} registered.
	 * @param registry the registry
	 * @param meters the meters
	 */
	void remove(MeterRegistry registry, List<Meter> meters) {
		this.connectSuccesses.removeAll(meters);
		this.connectFailures.removeAll(meters);
		meters.forEach(registry::remove);
	}

	private FunctionCounter.Builder<LongAdder> counter(String name, LongAdder count, String description) {
		return FunctionCounter.builder(this.prefix + "." + name, count, LongAdder::doubleValue)
			.tags(this.tags)
			.description(description);
	}

	private Timer.Builder connectTimer(String outcome) {
		return Timer.builder(this.prefix + ".connect")
			.tags(this.tags)
			.tag("outcome", outcome)
			.description("Time from the start of a connection attempt until it is open, or has failed");
	}

	/**
	 * Messages and bytes in one direction.
	 */
	private final class Traffic {

		private final LongAdder textMessages = new LongAdder();

		private final LongAdder binaryMessages = new LongAdder();

		private final LongAdder textBytes = new LongAdder();

		private final LongAdder binaryBytes = new LongAdder();

		void count(boolean text, long bytes) {
			(text ? this.textMessages : this.binaryMessages).increment();
			(text ? this.textBytes : this.binaryBytes).add(bytes);
		}

		void bindTo(MeterRegistry registry, String direction, List<Meter> meters) {
			String messages = "Messages " + direction + ", by type";
			String data = "Bytes of the messages " + direction + " (text in UTF-8), by type";
			meters.add(counter("messages." + direction, this.textMessages, messages).tag("type", "text")
				.register(registry));
			meters.add(counter("messages." + direction, this.binaryMessages, messages).tag("type", "binary")
				.register(registry));
			meters.add(counter("data." + direction, this.textBytes, data).tag("type", "text")
				.baseUnit(BaseUnits.BYTES)
				.register(registry));
			meters.add(counter("data." + direction, this.binaryBytes, data).tag("type", "binary")
				.baseUnit(BaseUnits.BYTES)
				.register(registry));
		}

	}

}
