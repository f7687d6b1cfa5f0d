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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.wsapi.DOMException;
import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for the auto-configured {@link WebSocket} clients: an unnamed
 * client under {@code websocket.client} and named clients under
 * {@code websocket.clients.<name>}, which take the same keys. The properties validate
 * themselves when they are bound, so that an invalid value fails the application at
 * startup with a report that names the property and the reason.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@ConfigurationProperties("websocket")
public class WebSocketClientProperties implements Validator {

	/**
	 * Name of the bean of the unnamed client.
	 */
	public static final String DEFAULT_CLIENT_BEAN_NAME = "webSocket";

	private static final WebSocketOptions NOT_CONNECTING = WebSocketOptions.builder().connectOnCreate(false).build();

	private static final String VALID_URL = "ws://localhost/";

	/**
	 * Unnamed client, the bean 'webSocket', created when its URL is set.
	 */
	private final Client client = new Client();

	/**
	 * Named clients, each a bean whose name is its key, taking the same keys as
	 * 'websocket.client'.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public Client getClient() {
		return this.client;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	@Override
	public boolean supports(Class<?> type) {
		return type == WebSocketClientProperties.class || type == Client.class || type == SendBuffer.class
				|| type == Heartbeat.class || type == Reconnect.class;
	}

	@Override
	public void validate(Object target, Errors errors) {
		if (target instanceof WebSocketClientProperties properties) {
			validateNames(properties, errors);
		}
		else if (target instanceof Client client) {
			validate(client, errors);
		}
		else if (target instanceof SendBuffer sendBuffer) {
			validate(sendBuffer, errors);
		}
		else if (target instanceof Heartbeat heartbeat) {
			validate(heartbeat, errors);
		}
		else if (target instanceof Reconnect reconnect) {
			validate(reconnect, errors);
		}
	}

	private void validateNames(WebSocketClientProperties properties, Errors errors) {
		if (properties.getClient().getUrl() != null && properties.getClients().containsKey(DEFAULT_CLIENT_BEAN_NAME)) {
			errors.rejectValue("clients[" + DEFAULT_CLIENT_BEAN_NAME + "].url", "reserved", "The name '"
					+ DEFAULT_CLIENT_BEAN_NAME + "' is the bean name of the unnamed client: rename the named client");
		}
	}

	private void validate(Client client, Errors errors) {
		String url = client.getUrl();
		if (url == null) {
			if (client != this.client) {
				errors.rejectValue("url", "required", "A named client needs a URL");
			}
		}
		else {
			rejectSyntaxError(errors, "url", () -> new WebSocket(url, List.of(), NOT_CONNECTING));
		}
		rejectSyntaxError(errors, "protocols", () -> new WebSocket(VALID_URL, client.getProtocols(), NOT_CONNECTING));
		if (!"blob".equals(client.getBinaryType()) && !"arraybuffer".equals(client.getBinaryType())) {
			errors.rejectValue("binaryType", "unknown", "Must be 'blob' or 'arraybuffer'");
		}
		rejectUnlessPositive(errors, "connectTimeout", client.getConnectTimeout());
		rejectUnlessPositive(errors, "shutdownTimeout", client.getShutdownTimeout());
		DataSize maxMessageSize = client.getMaxMessageSize();
		if (maxMessageSize.toBytes() <= 0 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
			errors.rejectValue("maxMessageSize", "range", "Must be more than 0 bytes and less than 2GB");
		}
	}

	private void validate(SendBuffer sendBuffer, Errors errors) {
		if (sendBuffer.getLimit().toBytes() <= 0) {
			errors.rejectValue("limit", "positive", "Must be more than 0 bytes");
		}
		if (sendBuffer.getLowThreshold().isNegative()) {
			errors.rejectValue("lowThreshold", "negative", "Must not be negative");
		}
	}

	private void validate(Heartbeat heartbeat, Errors errors) {
		Duration pingInterval = heartbeat.getPingInterval();
		if (pingInterval != null) {
			rejectUnlessPositive(errors, "pingInterval", pingInterval);
		}
		rejectUnlessPositive(errors, "pongTimeout", heartbeat.getPongTimeout());
	}

	private void validate(Reconnect reconnect, Errors errors) {
		rejectUnlessPositive(errors, "initialDelay", reconnect.getInitialDelay());
		rejectUnlessPositive(errors, "maxDelay", reconnect.getMaxDelay());
		if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			errors.rejectValue("maxDelay", "range", "Must not be less than the initial delay");
		}
		if (reconnect.getMultiplier() < 1) {
			errors.rejectValue("multiplier", "range", "Must be 1 or more");
		}
		if (reconnect.getJitter().isNegative()) {
			errors.rejectValue("jitter", "negative", "Must not be negative");
		}
		Long maxAttempts = reconnect.getMaxAttempts();
		if (maxAttempts != null && maxAttempts <= 0) {
			errors.rejectValue("maxAttempts", "positive", "Must be 1 or more");
		}
		for (Integer code : reconnect.getStopCodes()) {
			if (code == null || code < 1000 || code > 4999) {
				errors.rejectValue("stopCodes", "range", "Close codes are between 1000 and 4999, not " + code);
			}
		}
	}

	private static void rejectSyntaxError(Errors errors, String field, Runnable check) {
		try {
			check.run();
		}
		catch (DOMException ex) {
			errors.rejectValue(field, ex.name(), ex.getMessage());
		}
	}

	private static void rejectUnlessPositive(Errors errors, String field, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			errors.rejectValue(field, "positive", "Must be more than 0");
		}
	}

	/**
	 * Properties of one client.
	 */
	public static class Client {

		/**
		 * WebSocket URL to connect to: 'ws:', 'wss:', 'http:' or 'https:', without a
		 * fragment.
		 */
		private @Nullable String url;

		/**
		 * Comma-separated list of subprotocols to offer, in order of preference.
		 */
		private List<String> protocols = new ArrayList<>();

		/**
		 * How listeners receive binary messages: 'blob' for a Blob, 'arraybuffer' for a
		 * read-only ByteBuffer.
		 */
		private String binaryType = "blob";

		/**
		 * Headers to add to the opening handshake, such as 'Authorization'.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Maximum time that the opening handshake may take.
		 */
		private Duration connectTimeout = Duration.ofSeconds(30);

		/**
		 * Whether to connect when the application starts. When false, the application
		 * calls connect() on the bean.
		 */
		private boolean connectOnStartup = true;

		/**
		 * Maximum size of a received message. A larger message fails the connection with
		 * close code 1009.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(64);

		/**
		 * Name of the Executor bean that runs listeners. By default, a shared pool of
		 * daemon threads runs them, so that a listener that blocks delays only its own
		 * client.
		 */
		private @Nullable String listenerExecutor;

		/**
		 * Whether to queue messages sent while reconnecting, within the send buffer
		 * limit, and send them before the next 'open' event. When false, send() follows
		 * the browser's rules while reconnecting: it throws while connecting and discards
		 * while closed.
		 */
		private boolean bufferWhileReconnecting;

		/**
		 * Maximum time to wait on shutdown for queued messages to be sent and the closing
		 * handshake, started with close code 1001, to complete.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		private final SendBuffer sendBuffer = new SendBuffer();

		private final Heartbeat heartbeat = new Heartbeat();

		private final Reconnect reconnect = new Reconnect();

		private final Ssl ssl = new Ssl();

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public List<String> getProtocols() {
			return this.protocols;
		}

		public void setProtocols(List<String> protocols) {
			this.protocols = protocols;
		}

		public String getBinaryType() {
			return this.binaryType;
		}

		public void setBinaryType(String binaryType) {
			this.binaryType = binaryType;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public boolean isConnectOnStartup() {
			return this.connectOnStartup;
		}

		public void setConnectOnStartup(boolean connectOnStartup) {
			this.connectOnStartup = connectOnStartup;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public @Nullable String getListenerExecutor() {
			return this.listenerExecutor;
		}

		public void setListenerExecutor(@Nullable String listenerExecutor) {
			this.listenerExecutor = listenerExecutor;
		}

		public boolean isBufferWhileReconnecting() {
			return this.bufferWhileReconnecting;
		}

		public void setBufferWhileReconnecting(boolean bufferWhileReconnecting) {
			this.bufferWhileReconnecting = bufferWhileReconnecting;
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

		public Reconnect getReconnect() {
			return this.reconnect;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

	}

	/**
	 * Properties of the send buffer, which holds what send() queued until it is written.
	 */
	public static class SendBuffer {

		/**
		 * Maximum number of bytes that send() may queue, the bufferedAmount, before the
		 * overflow policy applies.
		 */
		private DataSize limit = DataSize.ofMegabytes(16);

		/**
		 * What send() does with a message that would take the buffered amount past the
		 * limit: 'fail' the connection as browsers do (the peer gets close code 1009,
		 * listeners an 'error' event and then 'close' with code 1006), 'reject' the
		 * message by throwing a QuotaExceededError, or 'drop' it silently.
		 */
		private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

		/**
		 * Buffered amount at or below which a 'bufferedamountlow' event fires when it
		 * falls, as on the browser's RTCDataChannel.
		 */
		private DataSize lowThreshold = DataSize.ofBytes(0);

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

		public DataSize getLowThreshold() {
			return this.lowThreshold;
		}

		public void setLowThreshold(DataSize lowThreshold) {
			this.lowThreshold = lowThreshold;
		}

	}

	/**
	 * Properties of the heartbeat, which finds a peer that stopped answering.
	 */
	public static class Heartbeat {

		/**
		 * Interval between Ping frames while open. When not set, no Ping frames are sent.
		 */
		private @Nullable Duration pingInterval;

		/**
		 * Maximum time to wait for the Pong of a Ping before failing the connection: an
		 * 'error' event, then 'close' with code 1006.
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
	 * Properties of reconnecting, with an exponential back-off.
	 */
	public static class Reconnect {

		/**
		 * Whether to reconnect after a close that the application did not ask for. The
		 * same bean goes back to CONNECTING, 'open' and 'close' fire for every
		 * connection, and listeners stay.
		 */
		private boolean enabled;

		/**
		 * Delay before the first reconnect attempt.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Maximum delay between reconnect attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		/**
		 * Factor by which the delay grows after each attempt.
		 */
		private double multiplier = 1.5;

		/**
		 * Random time added to or taken from each delay, and grown by the multiplier, so
		 * that many clients do not reconnect at the same moment.
		 */
		private Duration jitter = Duration.ofMillis(500);

		/**
		 * Maximum number of attempts in a row, after which the client stays closed. When
		 * not set, it never stops trying.
		 */
		private @Nullable Long maxAttempts;

		/**
		 * Comma-separated list of close codes after which the client does not reconnect.
		 */
		private Set<Integer> stopCodes = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		public @Nullable Long getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Long maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Set<Integer> getStopCodes() {
			return this.stopCodes;
		}

		public void setStopCodes(Set<Integer> stopCodes) {
			this.stopCodes = stopCodes;
		}

	}

	/**
	 * Properties of TLS for 'wss:' URLs.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle, configured under 'spring.ssl.bundle', that sets the
		 * trust material (and any client certificate) for 'wss:' URLs. When not set, the
		 * JVM's default trust store applies.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
