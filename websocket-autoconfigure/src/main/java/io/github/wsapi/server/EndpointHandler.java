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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The Spring {@link WebSocketHandler} of one endpoint. For every accepted session it
 * creates a browser-style {@link WebSocket} whose transport is that session, hands it to
 * the endpoint's {@link ConnectionListener}, and routes the container's callbacks for the
 * session to the socket. It takes messages as partial frames, so that the container's
 * read buffers stay small, and enforces the endpoint's message size limits itself.
 *
 * @author wsapi contributors
 */
final class EndpointHandler implements WebSocketHandler {

	static final CloseStatus SHUTTING_DOWN = CloseStatus.GOING_AWAY.withReason("Server shutting down");

	private static final Log logger = LogFactory.getLog(EndpointHandler.class);

	private static final boolean JAKARTA_WEBSOCKET_PRESENT = ClassUtils.isPresent("jakarta.websocket.Session",
			EndpointHandler.class.getClassLoader());

	private final WebSocketEndpoint endpoint;

	private final EndpointSettings settings;

	private final WebSocketEndpointObserver observer;

	private final Map<WebSocketSession, Connection> connections = new ConcurrentHashMap<>();

	// reserved handshakes and open sessions
	private final AtomicInteger slots = new AtomicInteger();

	private volatile boolean accepting = true;

	private volatile @Nullable CompletableFuture<Void> drained;

	EndpointHandler(WebSocketEndpoint endpoint, EndpointSettings settings, WebSocketEndpointObserver observer) {
		this.endpoint = endpoint;
		this.settings = settings;
		this.observer = observer;
	}

	EndpointSettings settings() {
		return this.settings;
	}

	List<String> protocols() {
		return this.endpoint.protocols();
	}

	/**
	 * Reserve room for one more socket, before the handshake is answered.
	 * @return whether the endpoint accepts the connection
	 */
	boolean tryReserve() {
		if (!this.accepting) {
			return false;
		}
		int max = this.settings.maxSockets();
		if (this.slots.incrementAndGet() > max && max != -1) {
			this.slots.decrementAndGet();
			return false;
		}
		return true;
	}

	void handshakeRefused(WebSocketEndpointObserver.Refusal reason) {
		this.observer.handshakeRefused(this.endpoint, reason);
	}

	/**
	 * Give back a reservation whose handshake did not upgrade the connection.
	 */
	void release() {
		this.slots.decrementAndGet();
	}

	Set<WebSocket> openSockets() {
		Set<WebSocket> open = new HashSet<>();
		for (Connection connection : this.connections.values()) {
			WebSocket socket = connection.socket;
			if (socket != null && socket.readyState() == WebSocket.OPEN) {
				open.add(socket);
			}
		}
		return Collections.unmodifiableSet(open);
	}

	/**
	 * Refuse further handshakes and send Close 1001 to every session.
	 * @param closer runs the closes, which may block on a peer that does not read
	 * @return completes when every session is closed
	 */
	CompletableFuture<Void> shutdown(Executor closer) {
		CompletableFuture<Void> drained = new CompletableFuture<>();
		this.drained = drained;
		this.accepting = false;
		for (Connection connection : this.connections.values()) {
			closer.execute(() -> connection.close(SHUTTING_DOWN));
		}
		completeIfDrained();
		return drained;
	}

	/**
	 * Accept handshakes again after a {@link #shutdown(Executor)}.
	 */
	void resume() {
		this.drained = null;
		this.accepting = true;
	}

	int openSessions() {
		return this.connections.size();
	}

	private void completeIfDrained() {
		CompletableFuture<Void> drained = this.drained;
		if (drained != null && this.connections.isEmpty()) {
			drained.complete(null);
		}
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Connection connection = new Connection(session);
		this.connections.put(session, connection);
		if (!this.accepting) {
			connection.close(SHUTTING_DOWN);
			return;
		}
		connection.open();
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
		Connection connection = this.connections.get(session);
		if (connection != null) {
			connection.handleMessage(message);
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		Connection connection = this.connections.get(session);
		if (connection != null) {
			connection.deliver((handler) -> handler.handleTransportError(session, exception));
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
		Connection connection = this.connections.remove(session);
		if (connection == null) {
			return;
		}
		this.slots.decrementAndGet();
		connection.deliver((handler) -> handler.afterConnectionClosed(session, closeStatus));
		completeIfDrained();
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	static long utf8Length(String text) {
		long length = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				// a surrogate pair is four bytes
				length += (c < 0x800 || Character.isSurrogate(c)) ? 1 : 2;
			}
		}
		return length;
	}

	private static ByteBuffer copyOf(ByteBuffer buffer) {
		return ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip();
	}

	/**
	 * One accepted session and its socket. The socket's own {@link WebSocketHandler}
	 * (the delegate) becomes known when the socket connects through its
	 * {@link AcceptedSessionTransport}, and receives the session's callbacks once the
	 * connection listener has returned; callbacks that come before are held until then.
	 */
	final class Connection {

		private final WebSocketSession session;

		private volatile @Nullable WebSocketHandler delegate;

		private volatile @Nullable WebSocket socket;

		// guarded by this
		private @Nullable WebSocketHandler connected;

		private boolean listenerReturned;

		private @Nullable ArrayDeque<Delivery> held;

		// used only by the container thread that delivers the session's messages
		private long heldBytes;

		private long messageBytes;

		private boolean discarding;

		Connection(WebSocketSession session) {
			this.session = session;
		}

		void open() {
			if (JAKARTA_WEBSOCKET_PRESENT) {
				JakartaSessions.applyLimits(this.session, EndpointHandler.this.settings);
			}
			WebSocket socket;
			try {
				socket = new WebSocket(HandshakeInfo.requireUri(this.session).toString(), acceptedProtocol(),
						options());
				// events wait for the connection listener here, not for this busy container thread
				socket.connect();
			}
			catch (RuntimeException ex) {
				// the exception may quote the request URI, query string included
				logger.error("Could not create a socket for a connection to " + EndpointHandler.this.endpoint);
				close(CloseStatus.SERVER_ERROR);
				return;
			}
			this.socket = socket;
			try {
				EndpointHandler.this.endpoint.listener().onConnection(socket, new HandshakeInfo(this.session));
			}
			catch (RuntimeException ex) {
				logger.error("The connection listener of " + EndpointHandler.this.endpoint + " threw an exception", ex);
				close(CloseStatus.SERVER_ERROR);
			}
			synchronized (this) {
				this.listenerReturned = true;
				activateIfReady();
			}
		}

		private List<String> acceptedProtocol() {
			String protocol = this.session.getAcceptedProtocol();
			return (protocol == null || protocol.isEmpty()) ? List.of() : List.of(protocol);
		}

		private WebSocketOptions options() {
			EndpointSettings settings = EndpointHandler.this.settings;
			WebSocketOptions.Builder options = WebSocketOptions.builder()
				.connectOnCreate(false)
				.transport(new AcceptedSessionTransport(this))
				.maxMessageSize(Math.max(settings.maxTextMessageSize(), settings.maxBinaryMessageSize()))
				.maxBufferedAmount(settings.sendBufferLimit())
				.overflowPolicy(settings.overflowPolicy())
				.observer(EndpointHandler.this.observer.socketObserver(EndpointHandler.this.endpoint));
			Duration pingInterval = settings.pingInterval();
			if (pingInterval != null) {
				options.heartbeat(pingInterval, settings.pongTimeout());
			}
			Executor eventExecutor = EndpointHandler.this.endpoint.eventExecutor();
			if (eventExecutor != null) {
				options.eventExecutor(eventExecutor);
			}
			return options.build();
		}

		/**
		 * Make the socket's handler the receiver of this session's callbacks, once the
		 * connection listener has returned.
		 * @param delegate the socket's handler
		 * @return the session
		 */
		WebSocketSession attach(WebSocketHandler delegate) {
			synchronized (this) {
				this.connected = delegate;
				activateIfReady();
			}
			return this.session;
		}

		// called while synchronized on this; the socket's events start here, so that the
		// listener misses none of them however long it runs
		private void activateIfReady() {
			WebSocketHandler connected = this.connected;
			if (connected == null || !this.listenerReturned) {
				return;
			}
			invoke(connected, (handler) -> handler.afterConnectionEstablished(this.session));
			ArrayDeque<Delivery> held = this.held;
			if (held != null) {
				held.forEach((delivery) -> invoke(connected, delivery));
				this.held = null;
			}
			this.delegate = connected;
		}

		void handleMessage(WebSocketMessage<?> message) {
			if (this.discarding) {
				return;
			}
			if (!(message instanceof PongMessage)) {
				boolean text = message instanceof TextMessage;
				this.messageBytes += text ? utf8Length(((TextMessage) message).getPayload())
						: message.getPayloadLength();
				EndpointSettings settings = EndpointHandler.this.settings;
				int limit = text ? settings.maxTextMessageSize() : settings.maxBinaryMessageSize();
				if (this.messageBytes > limit) {
					tooBig("Message of at least " + this.messageBytes + " bytes exceeds the limit of " + limit);
					return;
				}
				if (message.isLast()) {
					this.messageBytes = 0;
				}
			}
			if (this.delegate == null && hold(message)) {
				EndpointSettings settings = EndpointHandler.this.settings;
				if (this.heldBytes > Math.max(settings.maxTextMessageSize(), settings.maxBinaryMessageSize())) {
					tooBig("More than " + this.heldBytes + " bytes arrived before the socket was ready");
				}
				return;
			}
			deliver((handler) -> handler.handleMessage(this.session, message));
		}

		// the container may reuse a binary payload's buffer once the callback returns
		private synchronized boolean hold(WebSocketMessage<?> message) {
			if (this.delegate != null) {
				return false;
			}
			this.heldBytes += message.getPayloadLength();
			WebSocketMessage<?> copy = message;
			if (message instanceof BinaryMessage binary) {
				copy = new BinaryMessage(copyOf(binary.getPayload()), binary.isLast());
			}
			else if (message instanceof PongMessage pong) {
				copy = new PongMessage(copyOf(pong.getPayload()));
			}
			WebSocketMessage<?> held = copy;
			holdDelivery((handler) -> handler.handleMessage(this.session, held));
			return true;
		}

		private void tooBig(String description) {
			this.discarding = true;
			IOException failure = new IOException(description);
			deliver((handler) -> handler.handleTransportError(this.session, failure));
			close(CloseStatus.TOO_BIG_TO_PROCESS);
		}

		void deliver(Delivery delivery) {
			WebSocketHandler delegate = this.delegate;
			if (delegate == null) {
				synchronized (this) {
					delegate = this.delegate;
					if (delegate == null) {
						holdDelivery(delivery);
						return;
					}
				}
			}
			invoke(delegate, delivery);
		}

		// called while synchronized on this
		private void holdDelivery(Delivery delivery) {
			ArrayDeque<Delivery> held = this.held;
			if (held == null) {
				held = new ArrayDeque<>();
				this.held = held;
			}
			held.add(delivery);
		}

		private void invoke(WebSocketHandler delegate, Delivery delivery) {
			try {
				delivery.to(delegate);
			}
			catch (Exception ex) {
				logger.error("A socket of " + EndpointHandler.this.endpoint + " could not handle a callback", ex);
			}
		}

		void close(CloseStatus status) {
			try {
				this.session.close(status);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not close a session of " + EndpointHandler.this.endpoint, ex);
			}
		}

	}

	/**
	 * A container callback for a socket's handler.
	 */
	@FunctionalInterface
	interface Delivery {

		void to(WebSocketHandler handler) throws Exception;

	}

	/**
	 * Applies the limits that Jakarta WebSocket containers such as Tomcat enforce.
	 */
	private static final class JakartaSessions {

		// Tomcat's limit for a blocking write, in milliseconds
		private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

		static void applyLimits(WebSocketSession session, EndpointSettings settings) {
			if (!(session instanceof NativeWebSocketSession nativeSession)) {
				return;
			}
			jakarta.websocket.Session jakartaSession = nativeSession.getNativeSession(jakarta.websocket.Session.class);
			if (jakartaSession == null) {
				return;
			}
			jakartaSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, settings.sendTimeLimit().toMillis());
			Duration idleTimeout = settings.idleTimeout();
			if (idleTimeout != null) {
				jakartaSession.setMaxIdleTimeout(idleTimeout.toMillis());
			}
		}

	}

}
