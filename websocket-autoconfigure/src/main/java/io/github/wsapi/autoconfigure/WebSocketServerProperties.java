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


package io.github.wsapi.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.wsapi.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for WebSocket server endpoints. They are the defaults of every
 * {@code WebSocketEndpoint}; an endpoint's builder overrides them.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@ConfigurationProperties("websocket.server")
public class WebSocketServerProperties implements Validator {

	private static final long MAX_MESSAGE_SIZE_LIMIT = Integer.MAX_VALUE;

	/**
	 * Whether to register WebSocketEndpoint beans with the web server.
	 */
	private boolean enabled = true;

	/**
	 * Comma-separated list of origins allowed to open a connection besides the same
	 * origin, such as 'https://example.com'; '*' allows all. Handshakes from other
	 * origins get HTTP 403.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Comma-separated list of origin patterns allowed to open a connection besides the
	 * same origin, such as 'https://*.example.com'.
	 */
	private List<String> allowedOriginPatterns = new ArrayList<>();

	/**
	 * Maximum size of a received text message, counted in UTF-8 bytes. A larger message
	 * closes the connection with code 1009. Messages are reassembled from partial frames
	 * in a buffer that grows only while a large message arrives, so a high limit costs
	 * idle sockets no memory.
	 */
	private DataSize maxTextMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum size of a received binary message. A larger message closes the connection
	 * with code 1009.
	 */
	private DataSize maxBinaryMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum number of open sockets per endpoint, or -1 for no limit. Further handshakes
	 * get HTTP 503 (Service Unavailable).
	 */
	private int maxSockets = -1;

	/**
	 * Time without any frame received or sent after which a socket is closed with code
	 * 1001. Tomcat checks it every 10 seconds. When not set, sockets may stay idle
	 * indefinitely.
	 */
	private @Nullable Duration idleTimeout;

	/**
	 * Maximum time writing one message to a socket may take. The connection of a peer
	 * that stops reading for longer is dropped: an 'error' event, then 'close' with code
	 * 1006.
	 */
	private Duration sendTimeLimit = Duration.ofSeconds(10);

	/**
	 * Maximum time to wait, when the application stops, for open sockets to close after
	 * they were sent close code 1001.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(10);

	private final SendBuffer sendBuffer = new SendBuffer();

	private final Heartbeat heartbeat = new Heartbeat();

	private final PermessageDeflate permessageDeflate = new PermessageDeflate();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public List<String> getAllowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = allowedOriginPatterns;
	}

	public DataSize getMaxTextMessageSize() {
		return this.maxTextMessageSize;
	}

	public void setMaxTextMessageSize(DataSize maxTextMessageSize) {
		this.maxTextMessageSize = maxTextMessageSize;
	}

	public DataSize getMaxBinaryMessageSize() {
		return this.maxBinaryMessageSize;
	}

	public void setMaxBinaryMessageSize(DataSize maxBinaryMessageSize) {
		this.maxBinaryMessageSize = maxBinaryMessageSize;
	}

	public int getMaxSockets() {
		return this.maxSockets;
	}

	public void setMaxSockets(int maxSockets) {
		this.maxSockets = maxSockets;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getSendTimeLimit() {
		return this.sendTimeLimit;
	}

	public void setSendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = sendTimeLimit;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public SendBuffer getSendBuffer() {
		return this.sendBuffer;
	}

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public PermessageDeflate getPermessageDeflate() {
		return this.permessageDeflate;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WebSocketServerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WebSocketServerProperties properties = (WebSocketServerProperties) target;
		checkMessageSize(errors, "maxTextMessageSize", properties.getMaxTextMessageSize());
		checkMessageSize(errors, "maxBinaryMessageSize", properties.getMaxBinaryMessageSize());
		if (properties.getMaxSockets() < 1 && properties.getMaxSockets() != -1) {
			errors.rejectValue("maxSockets", "invalid", "must be positive, or -1 for no limit");
		}
		Duration idleTimeout = properties.getIdleTimeout();
		if (idleTimeout != null && !isPositive(idleTimeout)) {
			errors.rejectValue("idleTimeout", "invalid", "must be positive; leave it unset for no timeout");
		}
		if (properties.getSendBuffer().getLimit().toBytes() <= 0) {
			errors.rejectValue("sendBuffer.limit", "invalid", "must be positive");
		}
		Duration pingInterval = properties.getHeartbeat().getPingInterval();
		if (pingInterval != null && !isPositive(pingInterval)) {
			errors.rejectValue("heartbeat.pingInterval", "invalid", "must be positive; leave it unset for no Ping");
		}
		if (!isPositive(properties.getHeartbeat().getPongTimeout())) {
			errors.rejectValue("heartbeat.pongTimeout", "invalid", "must be positive");
		}
		if (!isPositive(properties.getSendTimeLimit())) {
			errors.rejectValue("sendTimeLimit", "invalid", "must be positive");
		}
		if (properties.getShutdownTimeout().isNegative()) {
			errors.rejectValue("shutdownTimeout", "invalid", "must not be negative");
		}
	}

	private static void checkMessageSize(Errors errors, String field, DataSize size) {
		if (size.toBytes() <= 0 || size.toBytes() > MAX_MESSAGE_SIZE_LIMIT) {
			errors.rejectValue(field, "invalid", "must be between 1B and 2147483647B");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * What a socket may queue for sending.
	 */
	public static class SendBuffer {

		/**
		 * Maximum number of bytes that send() may queue on each socket, its
		 * bufferedAmount, before the overflow policy applies.
		 */
		private DataSize limit = DataSize.ofMegabytes(16);

		/**
		 * What send() does with a message that would take the buffered amount past the
		 * limit: 'fail' the connection (the peer gets close code 1009 if it still reads,
		 * listeners an 'error' event and then 'close' with code 1006), 'reject' the
		 * message by throwing a QuotaExceededError, or 'drop' it silently.
		 */
		private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

		public DataSize getLimit() {
			return this.limit;
		}

		public void setLimit(DataSize limit) {
			this.limit = limit;
		}

		public OverflowPolicy getOverflowPolicy() {
			return this.overflowPolicy;
		}

		public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
		}

	}

	/**
	 * Ping frames that find peers that went away without closing.
	 */
	public static class Heartbeat {

		/**
		 * Interval between Ping frames on each open socket. When not set, no Ping frames
		 * are sent.
		 */
		private @Nullable Duration pingInterval;

		/**
		 * Maximum time to wait for the Pong of a Ping before dropping the connection: the
		 * peer gets close code 1002, listeners an 'error' event and then 'close' with
		 * code 1006.
		 */
		private Duration pongTimeout = Duration.ofSeconds(10);

		public @Nullable Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(@Nullable Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getPongTimeout() {
			return this.pongTimeout;
		}

		public void setPongTimeout(Duration pongTimeout) {
			this.pongTimeout = pongTimeout;
		}

	}

	/**
	 * The permessage-deflate extension.
	 */
	public static class PermessageDeflate {

		/**
		 * Whether to negotiate permessage-deflate when a client offers it. Its
		 * compression state costs about 50 KB of heap and 200 KB of native memory per
		 * socket, and the extension was the vector of Tomcat's CVE-2026-87022.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
