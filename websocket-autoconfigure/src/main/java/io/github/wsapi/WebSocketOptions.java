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
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wsapi.client.Rfc6455WebSocketClient;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * What a browser decides on its own and a Java service needs to choose: the transport,
 * the thread that runs listeners, handshake headers, timeouts and buffer limits. Immutable;
 * {@link #defaults()} is what {@code new WebSocket(url)} uses.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class WebSocketOptions {

	/** Default limit of {@link WebSocket#bufferedAmount()} before the connection fails: 16 MiB. */
	public static final long DEFAULT_MAX_BUFFERED_AMOUNT = 16L * 1024 * 1024;

	/** Default limit of one received message: 64 MiB. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

	/** Default limit of the opening handshake: 30 seconds. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

	private static final WebSocketOptions DEFAULTS = new Builder().build();

	private final WebSocketClient transport;

	private final Executor eventExecutor;

	private final HttpHeaders headers;

	private final Duration connectTimeout;

	private final long maxBufferedAmount;

	private final int maxMessageSize;

	private final OverflowPolicy overflowPolicy;

	private final @Nullable Duration pingInterval;

	private final Duration pongTimeout;

	private final @Nullable BackOff reconnect;

	private final Set<Integer> reconnectStopCodes;

	private final boolean bufferWhileReconnecting;

	private final Consumer<HandshakeRequest> handshakeCustomizer;

	private final boolean connectOnCreate;

	private final WebSocketObserver observer;

	private WebSocketOptions(Builder builder) {
		this.eventExecutor = builder.eventExecutor;
		this.headers = HttpHeaders.readOnlyHttpHeaders(builder.headers);
		this.connectTimeout = builder.connectTimeout;
		this.maxBufferedAmount = builder.maxBufferedAmount;
		this.maxMessageSize = builder.maxMessageSize;
		this.overflowPolicy = builder.overflowPolicy;
		this.pingInterval = builder.pingInterval;
		this.pongTimeout = builder.pongTimeout;
		this.reconnect = builder.reconnect;
		this.reconnectStopCodes = Set.copyOf(builder.reconnectStopCodes);
		this.bufferWhileReconnecting = builder.bufferWhileReconnecting;
		this.handshakeCustomizer = builder.handshakeCustomizer;
		this.connectOnCreate = builder.connectOnCreate;
		this.observer = builder.observer;
		this.transport = (builder.transport != null) ? builder.transport : defaultTransport(builder);
	}

	private static WebSocketClient defaultTransport(Builder builder) {
		if (DEFAULTS != null && builder.maxMessageSize == DEFAULTS.maxMessageSize) {
			return DEFAULTS.transport;
		}
		Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();
		client.setMaxMessageSize(builder.maxMessageSize);
		return client;
	}

	/**
	 * Return the options that {@code new WebSocket(url)} uses.
	 * @return the default options
	 */
	public static WebSocketOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the Spring {@link WebSocketClient} that opens connections; by default the
	 * project's {@link Rfc6455WebSocketClient}, which follows the browser's handshake and
	 * closing rules.
	 * @return the transport
	 */
	public WebSocketClient transport() {
		return this.transport;
	}

	/**
	 * Return the executor that runs listeners. Each socket's events run one at a time, in
	 * order; by default on a shared cached pool of daemon threads named
	 * {@code websocket-event-N}, so a blocking listener delays only its own socket.
	 * @return the event executor
	 */
	public Executor eventExecutor() {
		return this.eventExecutor;
	}

	/**
	 * Return the headers added to the opening handshake, such as {@code Authorization}.
	 * @return read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return how long the opening handshake may take before the connection fails.
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Return how many bytes {@code send()} may queue before the connection fails, as a
	 * browser does when its buffer is full (an {@code error} event, then {@code close} with
	 * code 1006).
	 * @return the limit in bytes
	 */
	public long maxBufferedAmount() {
		return this.maxBufferedAmount;
	}

	/**
	 * Return the largest message that may be received; a larger one fails the connection
	 * with close code 1009.
	 * @return the limit in bytes
	 */
	public int maxMessageSize() {
		return this.maxMessageSize;
	}

	/**
	 * Return what {@code send()} does when the buffer limit would be exceeded.
	 * @return the overflow policy, {@link OverflowPolicy#FAIL} by default
	 */
	public OverflowPolicy overflowPolicy() {
		return this.overflowPolicy;
	}

	/**
	 * Return how often a Ping frame is sent while open, or {@code null} for no heartbeat.
	 * @return the ping interval
	 */
	public @Nullable Duration pingInterval() {
		return this.pingInterval;
	}

	/**
	 * Return how long to wait for the Pong of a Ping before the connection fails.
	 * @return the pong timeout
	 */
	public Duration pongTimeout() {
		return this.pongTimeout;
	}

	/**
	 * Return the back-off between reconnect attempts, or {@code null} not to reconnect.
	 * @return the reconnect back-off
	 */
	public @Nullable BackOff reconnect() {
		return this.reconnect;
	}

	/**
	 * Return the close codes after which the socket does not reconnect.
	 * @return the close codes
	 */
	public Set<Integer> reconnectStopCodes() {
		return this.reconnectStopCodes;
	}

	/**
	 * Return whether {@code send()} queues messages while reconnecting instead of
	 * following the browser's rules (throw while CONNECTING, discard while CLOSED).
	 * @return whether to buffer while reconnecting
	 */
	public boolean bufferWhileReconnecting() {
		return this.bufferWhileReconnecting;
	}

	/**
	 * Return the callback that adjusts each opening handshake.
	 * @return the handshake customizer
	 */
	public Consumer<HandshakeRequest> handshakeCustomizer() {
		return this.handshakeCustomizer;
	}

	/**
	 * Return whether the constructor starts connecting, as in browsers; if not,
	 * {@link WebSocket#connect()} does.
	 * @return whether to connect on creation
	 */
	public boolean connectOnCreate() {
		return this.connectOnCreate;
	}

	/**
	 * Return what is told about the socket's connections, messages and failures.
	 * @return the observer, {@link WebSocketObserver#NONE} by default
	 */
	public WebSocketObserver observer() {
		return this.observer;
	}

	/**
	 * Builds {@link WebSocketOptions}.
	 */
	public static final class Builder {

		private @Nullable WebSocketClient transport;

		private Executor eventExecutor = SharedExecutors.events();

		private final HttpHeaders headers = new HttpHeaders();

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private long maxBufferedAmount = DEFAULT_MAX_BUFFERED_AMOUNT;

		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

		private @Nullable Duration pingInterval;

		private Duration pongTimeout = Duration.ofSeconds(10);

		private @Nullable BackOff reconnect;

		private Set<Integer> reconnectStopCodes = Set.of();

		private boolean bufferWhileReconnecting;

		private Consumer<HandshakeRequest> handshakeCustomizer = (request) -> {
		};

		private boolean connectOnCreate = true;

		private WebSocketObserver observer = WebSocketObserver.NONE;

		private Builder() {
		}

		/**
		 * Use another Spring {@link WebSocketClient}, such as {@code StandardWebSocketClient}.
		 * Only the default transport follows the browser's closing handshake exactly.
		 * @param transport the transport
		 * @return this builder
		 */
		public Builder transport(WebSocketClient transport) {
			this.transport = transport;
			return this;
		}

		/**
		 * Run listeners on the given executor.
		 * @param eventExecutor the executor
		 * @return this builder
		 */
		public Builder eventExecutor(Executor eventExecutor) {
			this.eventExecutor = eventExecutor;
			return this;
		}

		/**
		 * Add a header to the opening handshake.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		/**
		 * Limit how long the opening handshake may take.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(isPositive(connectTimeout), "connectTimeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Limit how many bytes {@code send()} may queue.
		 * @param maxBufferedAmount a positive number of bytes
		 * @return this builder
		 */
		public Builder maxBufferedAmount(long maxBufferedAmount) {
			Assert.isTrue(maxBufferedAmount > 0, "maxBufferedAmount must be positive");
			this.maxBufferedAmount = maxBufferedAmount;
			return this;
		}

		/**
		 * Limit the size of one received message.
		 * @param maxMessageSize a positive number of bytes
		 * @return this builder
		 */
		public Builder maxMessageSize(int maxMessageSize) {
			Assert.isTrue(maxMessageSize > 0, "maxMessageSize must be positive");
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		/**
		 * Choose what {@code send()} does when the buffer limit would be exceeded.
		 * @param overflowPolicy the policy
		 * @return this builder
		 */
		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return this;
		}

		/**
		 * Send a Ping frame every {@code pingInterval} while open, and fail the connection
		 * ({@code error}, then {@code close} with code 1006) when its Pong has not arrived
		 * within {@code pongTimeout}. A silent peer is so detected within the sum of both.
		 * @param pingInterval a positive duration
		 * @param pongTimeout a positive duration
		 * @return this builder
		 */
		public Builder heartbeat(Duration pingInterval, Duration pongTimeout) {
			Assert.isTrue(isPositive(pingInterval), "pingInterval must be positive");
			Assert.isTrue(isPositive(pongTimeout), "pongTimeout must be positive");
			this.pingInterval = pingInterval;
			this.pongTimeout = pongTimeout;
			return this;
		}

		/**
		 * Reconnect after a close that {@code close()} did not cause, waiting as the
		 * back-off says (Spring's {@code ExponentialBackOff} has jitter and a maximum
		 * number of attempts). The same object goes back to CONNECTING; {@code open} and
		 * {@code close} fire for every connection; listeners stay.
		 * @param backOff the back-off, restarted after each successful open
		 * @return this builder
		 */
		public Builder reconnect(BackOff backOff) {
			this.reconnect = backOff;
			return this;
		}

		/**
		 * Do not reconnect after a close with one of these codes.
		 * @param closeCodes the close codes
		 * @return this builder
		 */
		public Builder reconnectStopCodes(Set<Integer> closeCodes) {
			this.reconnectStopCodes = closeCodes;
			return this;
		}

		/**
		 * Queue messages sent while reconnecting, up to {@link #maxBufferedAmount(long)}
		 * (beyond it {@code send()} throws {@code QuotaExceededError}), and send them once
		 * open again, before the {@code open} event.
		 * @param bufferWhileReconnecting whether to queue
		 * @return this builder
		 */
		public Builder bufferWhileReconnecting(boolean bufferWhileReconnecting) {
			this.bufferWhileReconnecting = bufferWhileReconnecting;
			return this;
		}

		/**
		 * Adjust each opening handshake (URI, headers) before it is sent, on the thread
		 * that starts the attempt.
		 * @param handshakeCustomizer the customizer
		 * @return this builder
		 */
		public Builder handshakeCustomizer(Consumer<HandshakeRequest> handshakeCustomizer) {
			this.handshakeCustomizer = handshakeCustomizer;
			return this;
		}

		/**
		 * Choose whether the constructor starts connecting (the default, as in browsers) or
		 * {@link WebSocket#connect()} does, so that a socket can be handed out before it
		 * connects.
		 * @param connectOnCreate whether to connect on creation
		 * @return this builder
		 */
		public Builder connectOnCreate(boolean connectOnCreate) {
			this.connectOnCreate = connectOnCreate;
			return this;
		}

		/**
		 * Tell an observer, such as a metrics binder, what happens to the socket. Observers
		 * add up: each one set is told, in the order they were set.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(WebSocketObserver observer) {
			this.observer = (this.observer == WebSocketObserver.NONE) ? observer
					: WebSocketObserver.both(this.observer, observer);
			return this;
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public WebSocketOptions build() {
			return new WebSocketOptions(this);
		}

	}

}
