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


package io.github.wsapi.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.wsapi.Blob;
import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.WebSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * A WebSocket server endpoint: the paths it is mapped to, the subprotocols it speaks and
 * the {@link ConnectionListener} that receives every accepted connection as the same
 * browser-style {@link WebSocket} a client holds. Declared as a bean, it is registered
 * through Spring WebSocket's handler registry, which keeps Spring's same-origin check on:
 * <pre class="code">
 * &#64;Bean
 * WebSocketEndpoint echo() {
 *     return WebSocketEndpoint.path("/echo")
 *         .onConnection((socket, handshake) -&gt; socket.onmessage((event) -&gt; socket.send((String) event.data())))
 *         .build();
 * }
 * </pre>
 * Limits not set on the builder come from the {@code websocket.server.*} properties.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class WebSocketEndpoint {

	private static final Log logger = LogFactory.getLog(WebSocketEndpoint.class);

	private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";

	private final List<String> paths;

	private final List<String> protocols;

	private final ConnectionListener listener;

	private final @Nullable Executor eventExecutor;

	private final @Nullable List<String> allowedOrigins;

	private final @Nullable List<String> allowedOriginPatterns;

	private final @Nullable Integer maxTextMessageSize;

	private final @Nullable Integer maxBinaryMessageSize;

	private final @Nullable Integer maxSockets;

	private final @Nullable Long sendBufferLimit;

	private final @Nullable OverflowPolicy overflowPolicy;

	private final @Nullable Duration sendTimeLimit;

	private final @Nullable Duration idleTimeout;

	private final @Nullable Duration pingInterval;

	private final @Nullable Duration pongTimeout;

	private volatile @Nullable EndpointHandler handler;

	private WebSocketEndpoint(Builder builder, ConnectionListener listener) {
		this.paths = List.copyOf(builder.paths);
		this.protocols = List.copyOf(builder.protocols);
		this.listener = listener;
		this.eventExecutor = builder.eventExecutor;
		this.allowedOrigins = builder.allowedOrigins;
		this.allowedOriginPatterns = builder.allowedOriginPatterns;
		this.maxTextMessageSize = builder.maxTextMessageSize;
		this.maxBinaryMessageSize = builder.maxBinaryMessageSize;
		this.maxSockets = builder.maxSockets;
		this.sendBufferLimit = builder.sendBufferLimit;
		this.overflowPolicy = builder.overflowPolicy;
		this.sendTimeLimit = builder.sendTimeLimit;
		this.idleTimeout = builder.idleTimeout;
		this.pingInterval = builder.pingInterval;
		this.pongTimeout = builder.pongTimeout;
	}

	/**
	 * Start declaring an endpoint mapped to the given paths, which may be Spring MVC
	 * patterns such as {@code /rooms/*}.
	 * @param paths the paths
	 * @return a builder
	 */
	public static Builder path(String... paths) {
		return new Builder(paths);
	}

	/**
	 * Return the paths the endpoint is mapped to.
	 * @return the paths
	 */
	public List<String> paths() {
		return this.paths;
	}

	/**
	 * Return the subprotocols the endpoint speaks. Of those a client offers, the first one
	 * that is in this list is selected; a client that offers none of them is accepted
	 * without a subprotocol.
	 * @return the subprotocols
	 */
	public List<String> protocols() {
		return this.protocols;
	}

	/**
	 * Return the sockets of this endpoint that are {@link WebSocket#OPEN OPEN} now.
	 * @return a snapshot of the open sockets
	 */
	public Set<WebSocket> sockets() {
		EndpointHandler handler = this.handler;
		return (handler != null) ? handler.openSockets() : Set.of();
	}

	/**
	 * Send a text message to every open socket. It never waits for a socket: each one
	 * queues the message for its own writer, as {@link WebSocket#send(String)} does, and
	 * one text is shared by all queues.
	 * @param data the text
	 * @return how many open sockets the message was passed to, leaving out those whose
	 * {@code send()} threw (such as with {@link OverflowPolicy#REJECT})
	 */
	public int broadcast(String data) {
		Objects.requireNonNull(data, "data must not be null");
		return broadcast((socket) -> socket.send(data));
	}

	/**
	 * Send a binary message to every open socket, without waiting for any of them. The
	 * bytes are copied once and shared by all sockets' queues.
	 * @param data the bytes
	 * @return how many sockets the message was passed to
	 * @see #broadcast(String)
	 */
	public int broadcast(byte[] data) {
		Objects.requireNonNull(data, "data must not be null");
		return broadcast(new Blob(data));
	}

	/**
	 * Send the bytes between the buffer's position and limit to every open socket,
	 * without waiting for any of them. The bytes are copied once and shared by all
	 * sockets' queues; the buffer is not changed.
	 * @param data the bytes
	 * @return how many sockets the message was passed to
	 * @see #broadcast(String)
	 */
	public int broadcast(ByteBuffer data) {
		Objects.requireNonNull(data, "data must not be null");
		return broadcast(new Blob(List.of(data), ""));
	}

	/**
	 * Send a blob to every open socket, without waiting for any of them.
	 * @param data the blob
	 * @return how many sockets the message was passed to
	 * @see #broadcast(String)
	 */
	public int broadcast(Blob data) {
		Objects.requireNonNull(data, "data must not be null");
		return broadcast((socket) -> socket.send(data));
	}

	private int broadcast(Consumer<WebSocket> send) {
		int count = 0;
		for (WebSocket socket : sockets()) {
			try {
				send.accept(socket);
				count++;
			}
			catch (RuntimeException ex) {
				logger.debug("Could not broadcast to " + socket, ex);
			}
		}
		return count;
	}

	ConnectionListener listener() {
		return this.listener;
	}

	@Nullable Executor eventExecutor() {
		return this.eventExecutor;
	}

	@Nullable EndpointHandler handler() {
		return this.handler;
	}

	/**
	 * Return the limits and policies the endpoint runs with: those set on its builder,
	 * over the {@code websocket.server.*} defaults.
	 * @return the settings, or {@code null} until the endpoint is registered
	 */
	public @Nullable EndpointSettings settings() {
		EndpointHandler handler = this.handler;
		return (handler != null) ? handler.settings() : null;
	}

	/**
	 * Create the handler that serves this endpoint; an endpoint is registered once.
	 * @param defaults the settings that the builder did not override
	 * @param observer the observer of the endpoint's sockets and refused handshakes
	 * @return the handler
	 */
	synchronized EndpointHandler register(EndpointSettings defaults, WebSocketEndpointObserver observer) {
		Assert.state(this.handler == null, () -> "The endpoint " + this + " is already registered");
		EndpointHandler handler = new EndpointHandler(this, settings(defaults), observer);
		this.handler = handler;
		return handler;
	}

	private EndpointSettings settings(EndpointSettings defaults) {
		return new EndpointSettings(Objects.requireNonNullElse(this.allowedOrigins, defaults.allowedOrigins()),
				Objects.requireNonNullElse(this.allowedOriginPatterns, defaults.allowedOriginPatterns()),
				Objects.requireNonNullElse(this.maxTextMessageSize, defaults.maxTextMessageSize()),
				Objects.requireNonNullElse(this.maxBinaryMessageSize, defaults.maxBinaryMessageSize()),
				Objects.requireNonNullElse(this.maxSockets, defaults.maxSockets()),
				Objects.requireNonNullElse(this.sendBufferLimit, defaults.sendBufferLimit()),
				Objects.requireNonNullElse(this.overflowPolicy, defaults.overflowPolicy()),
				Objects.requireNonNullElse(this.sendTimeLimit, defaults.sendTimeLimit()),
				(this.idleTimeout != null) ? this.idleTimeout : defaults.idleTimeout(),
				(this.pingInterval != null) ? this.pingInterval : defaults.pingInterval(),
				Objects.requireNonNullElse(this.pongTimeout, defaults.pongTimeout()), defaults.permessageDeflate());
	}

	@Override
	public String toString() {
		return "WebSocketEndpoint" + this.paths;
	}

	static int toIntBytes(DataSize size, String name) {
		Assert.isTrue(size.toBytes() > 0 && size.toBytes() <= Integer.MAX_VALUE,
				() -> name + " must be between 1 byte and 2 GiB - 1");
		return (int) size.toBytes();
	}

	static Duration positive(Duration duration, String name) {
		Assert.isTrue(!duration.isNegative() && !duration.isZero(), () -> name + " must be positive");
		return duration;
	}

	/**
	 * Builds a {@link WebSocketEndpoint}. Every limit left unset here takes its value from
	 * the {@code websocket.server.*} properties.
	 */
	public static final class Builder {

		private final List<String> paths;

		private List<String> protocols = List.of();

		private @Nullable ConnectionListener listener;

		private @Nullable Executor eventExecutor;

		private @Nullable List<String> allowedOrigins;

		private @Nullable List<String> allowedOriginPatterns;

		private @Nullable Integer maxTextMessageSize;

		private @Nullable Integer maxBinaryMessageSize;

		private @Nullable Integer maxSockets;

		private @Nullable Long sendBufferLimit;

		private @Nullable OverflowPolicy overflowPolicy;

		private @Nullable Duration sendTimeLimit;

		private @Nullable Duration idleTimeout;

		private @Nullable Duration pingInterval;

		private @Nullable Duration pongTimeout;

		private Builder(String... paths) {
			Assert.notEmpty(paths, "At least one path is required");
			for (String path : paths) {
				Assert.isTrue(path != null && path.startsWith("/"), () -> "Path '" + path + "' must start with '/'");
			}
			this.paths = List.of(paths);
		}

		/**
		 * Speak the given subprotocols. From those a client offers, the first one that
		 * is in this list is selected; names are case-sensitive.
		 * @param protocols the subprotocol names
		 * @return this builder
		 */
		public Builder protocols(String... protocols) {
			Set<String> seen = new HashSet<>();
			for (String protocol : protocols) {
				Assert.isTrue(protocol != null && isToken(protocol),
						() -> "'" + protocol + "' is not a valid subprotocol name");
				Assert.isTrue(seen.add(protocol), () -> "The subprotocol '" + protocol + "' is duplicated");
			}
			this.protocols = List.of(protocols);
			return this;
		}

		private static boolean isToken(String value) {
			if (value.isEmpty()) {
				return false;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c < 0x21 || c > 0x7E || SEPARATORS.indexOf(c) >= 0) {
					return false;
				}
			}
			return true;
		}

		/**
		 * Handle each accepted connection with the given listener (required).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder onConnection(ConnectionListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Run the sockets' listeners on the given executor instead of the shared
		 * {@code websocket-event-N} threads. Each socket's events still run one at a
		 * time, in order.
		 * @param eventExecutor the executor
		 * @return this builder
		 */
		public Builder eventExecutor(Executor eventExecutor) {
			this.eventExecutor = eventExecutor;
			return this;
		}

		/**
		 * Allow handshakes from these origins besides the same origin, such as
		 * {@code https://example.com}; {@code *} allows all. Others get HTTP 403.
		 * @param allowedOrigins the origins
		 * @return this builder
		 */
		public Builder allowedOrigins(String... allowedOrigins) {
			this.allowedOrigins = List.of(allowedOrigins);
			return this;
		}

		/**
		 * Allow handshakes from origins matching these patterns besides the same origin,
		 * such as {@code https://*.example.com}.
		 * @param allowedOriginPatterns the patterns
		 * @return this builder
		 */
		public Builder allowedOriginPatterns(String... allowedOriginPatterns) {
			this.allowedOriginPatterns = List.of(allowedOriginPatterns);
			return this;
		}

		/**
		 * Limit the size of a received text message, counted in UTF-8 bytes; a larger one
		 * closes the connection with code 1009.
		 * @param size the limit
		 * @return this builder
		 */
		public Builder maxTextMessageSize(DataSize size) {
			this.maxTextMessageSize = toIntBytes(size, "maxTextMessageSize");
			return this;
		}

		/**
		 * Limit the size of a received binary message; a larger one closes the
		 * connection with code 1009.
		 * @param size the limit
		 * @return this builder
		 */
		public Builder maxBinaryMessageSize(DataSize size) {
			this.maxBinaryMessageSize = toIntBytes(size, "maxBinaryMessageSize");
			return this;
		}

		/**
		 * Limit the number of open sockets; further handshakes get HTTP 503.
		 * @param maxSockets a positive number, or -1 for no limit
		 * @return this builder
		 */
		public Builder maxSockets(int maxSockets) {
			Assert.isTrue(maxSockets > 0 || maxSockets == -1, "maxSockets must be positive or -1");
			this.maxSockets = maxSockets;
			return this;
		}

		/**
		 * Limit how many bytes each socket may queue for sending before the overflow
		 * policy applies.
		 * @param limit the limit
		 * @return this builder
		 */
		public Builder sendBufferLimit(DataSize limit) {
			Assert.isTrue(limit.toBytes() > 0, "sendBufferLimit must be positive");
			this.sendBufferLimit = limit.toBytes();
			return this;
		}

		/**
		 * Choose what {@code send()} does when the send buffer limit would be exceeded.
		 * @param overflowPolicy the policy
		 * @return this builder
		 */
		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return this;
		}

		/**
		 * Limit how long writing one message may take; a socket whose peer does not read
		 * for that long is closed.
		 * @param sendTimeLimit a positive duration
		 * @return this builder
		 */
		public Builder sendTimeLimit(Duration sendTimeLimit) {
			this.sendTimeLimit = positive(sendTimeLimit, "sendTimeLimit");
			return this;
		}

		/**
		 * Close sockets that neither send nor receive anything for the given time.
		 * @param idleTimeout a positive duration
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = positive(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Send a Ping frame on each open socket every {@code pingInterval}, and drop the
		 * connection ({@code error}, then {@code close} with code 1006) when its Pong has
		 * not arrived within {@code pongTimeout}. Browsers answer Pings by themselves.
		 * @param pingInterval a positive duration
		 * @param pongTimeout a positive duration
		 * @return this builder
		 */
		public Builder heartbeat(Duration pingInterval, Duration pongTimeout) {
			this.pingInterval = positive(pingInterval, "pingInterval");
			this.pongTimeout = positive(pongTimeout, "pongTimeout");
			return this;
		}

		/**
		 * Build the endpoint.
		 * @return the endpoint
		 */
		public WebSocketEndpoint build() {
			ConnectionListener listener = this.listener;
			Assert.state(listener != null, "onConnection(listener) is required");
			return new WebSocketEndpoint(this, listener);
		}

	}

}
