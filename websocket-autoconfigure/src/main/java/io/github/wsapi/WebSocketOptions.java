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
import java.util.concurrent.Executor;

import io.github.wsapi.client.Rfc6455WebSocketClient;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
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

	private WebSocketOptions(Builder builder) {
		this.eventExecutor = builder.eventExecutor;
		this.headers = HttpHeaders.readOnlyHttpHeaders(builder.headers);
		this.connectTimeout = builder.connectTimeout;
		this.maxBufferedAmount = builder.maxBufferedAmount;
		this.maxMessageSize = builder.maxMessageSize;
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
	 * Builds {@link WebSocketOptions}.
	 */
	public static final class Builder {

		private @Nullable WebSocketClient transport;

		private Executor eventExecutor = SharedExecutors.events();

		private final HttpHeaders headers = new HttpHeaders();

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private long maxBufferedAmount = DEFAULT_MAX_BUFFERED_AMOUNT;

		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

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
			Assert.isTrue(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
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
		 * Build the options.
		 * @return the options
		 */
		public WebSocketOptions build() {
			return new WebSocketOptions(this);
		}

	}

}
