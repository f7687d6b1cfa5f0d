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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.wsapi.MessageAssembler.MessageTooBigException;
import io.github.wsapi.client.ClosingHandshakeAware;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The browser's {@code WebSocket}, in Java: {@code new WebSocket(url, protocols)} starts
 * connecting at once; {@link #readyState()}, {@link #bufferedAmount()},
 * {@link #binaryType()}, {@link #protocol()}, {@link #extensions()}, the {@code onX}
 * handlers, {@link #addEventListener(String, EventListener)}, {@link #send(String)} and
 * {@link #close(int, String)} behave as the WHATWG WebSockets standard says, down to the
 * exception names and the order of events.
 * <p>
 * Events of one socket run one at a time, in order, on the
 * {@link WebSocketOptions#eventExecutor() event executor} (by default daemon threads named
 * {@code websocket-event-N}), never inside the constructor, {@code send()} or
 * {@code close()}. A listener that blocks delays its own socket's later events only. A
 * listener that throws is logged; later listeners and the connection carry on.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class WebSocket implements EventTarget, AutoCloseable {

	/** The connection has not yet been established. */
	public static final int CONNECTING = 0;

	/** The connection is established and communication is possible. */
	public static final int OPEN = 1;

	/** The connection is going through the closing handshake, or close() was called. */
	public static final int CLOSING = 2;

	/** The connection has been closed or could not be opened. */
	public static final int CLOSED = 3;

	private static final int MAX_REASON_BYTES = 123;

	private static final String SEPARATORS = "()<>@,;:\\\"/[]?={}";

	private static final CloseStatus SEND_BUFFER_FULL = new CloseStatus(1009, "Send buffer full");

	private static final CloseStatus GOING_AWAY = new CloseStatus(1001, "Going away");

	private static final Log logger = LogFactory.getLog(WebSocket.class);

	private final WebSocketUrl url;

	private final List<String> protocols;

	private final WebSocketOptions options;

	private final EventListeners listeners = new EventListeners();

	private final EventDispatcher dispatcher;

	private final AtomicLong bufferedAmount = new AtomicLong();

	private final Object lock = new Object();

	// written under the lock, read anywhere
	private volatile int readyState = CONNECTING;

	private volatile String binaryType = "blob";

	private volatile String protocol = "";

	private volatile String extensions = "";

	private volatile long bufferedAmountLowThreshold;

	private volatile int reconnectAttempts;

	// guarded by the lock
	private @Nullable Connection connection;

	private boolean closeRequested;

	private @Nullable BackOffExecution backOff;

	private @Nullable ScheduledFuture<?> reconnectTimer;

	private final ArrayDeque<Outgoing> sentWhileReconnecting = new ArrayDeque<>();

	private long bytesSentWhileReconnecting;

	// counted in bufferedAmount by send() while no connection could take them: forgotten
	// when a new connection starts
	private long bytesNotSent;

	/**
	 * Open a connection, like {@code new WebSocket(url)} in a browser.
	 * @param url a {@code ws:}, {@code wss:}, {@code http:} or {@code https:} URL
	 * @throws DOMException {@code SyntaxError} if the URL is invalid, has another scheme,
	 * or has a fragment
	 */
	public WebSocket(String url) {
		this(url, List.of(), WebSocketOptions.defaults());
	}

	/**
	 * Open a connection that offers the given subprotocols, like
	 * {@code new WebSocket(url, protocols)} in a browser.
	 * @param url a {@code ws:}, {@code wss:}, {@code http:} or {@code https:} URL
	 * @param protocols the subprotocols to offer, in order of preference
	 * @throws DOMException {@code SyntaxError} if the URL is invalid, or a protocol is not
	 * a valid token or is repeated
	 */
	public WebSocket(String url, String... protocols) {
		this(url, (protocols != null) ? Arrays.asList(protocols) : List.of(), WebSocketOptions.defaults());
	}

	/**
	 * Open a connection with options that a browser would decide on its own.
	 * @param url a {@code ws:}, {@code wss:}, {@code http:} or {@code https:} URL
	 * @param protocols the subprotocols to offer, in order of preference
	 * @param options the transport, executor, headers, limits, heartbeat and reconnect
	 * @throws DOMException {@code SyntaxError} if the URL is invalid, or a protocol is not
	 * a valid token or is repeated
	 */
	public WebSocket(String url, List<String> protocols, WebSocketOptions options) {
		this.url = WebSocketUrl.parse(url);
		this.protocols = validateProtocols(protocols);
		this.options = options;
		// with a deferred connect, listeners are attached before connect(): nothing to hold
		this.dispatcher = new EventDispatcher(options.eventExecutor(),
				options.connectOnCreate() ? Thread.currentThread() : null);
		if (options.connectOnCreate()) {
			connect();
		}
	}

	private static List<String> validateProtocols(List<String> protocols) {
		Set<String> seen = new HashSet<>();
		for (String protocol : protocols) {
			if (protocol == null || !isToken(protocol)) {
				throw DOMException.syntaxError("'" + protocol + "' is not a valid subprotocol name");
			}
			if (!seen.add(protocol)) {
				throw DOMException.syntaxError("The subprotocol '" + protocol + "' is duplicated");
			}
		}
		return List.copyOf(protocols);
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
	 * Start connecting: needed only for a socket created with
	 * {@link WebSocketOptions.Builder#connectOnCreate(boolean) connectOnCreate(false)}, or
	 * to connect a {@link #CLOSED} socket again (at once, also if a reconnect is waiting
	 * for its back-off). Does nothing while a connection is open or being opened or closed.
	 */
	public void connect() {
		Connection started;
		synchronized (this.lock) {
			Connection current = this.connection;
			if (current != null && this.readyState != CLOSED) {
				return;
			}
			cancelReconnect();
			this.closeRequested = false;
			started = newConnection();
		}
		started.start();
	}

	// called under the lock
	private Connection newConnection() {
		this.bufferedAmount.addAndGet(-this.bytesNotSent);
		this.bytesNotSent = 0;
		this.readyState = CONNECTING;
		Connection connection = new Connection();
		this.connection = connection;
		return connection;
	}

	/**
	 * Return the URL, serialized after the {@code http:} to {@code ws:} mapping.
	 * @return the URL
	 */
	public String url() {
		return this.url.href();
	}

	/**
	 * Return the state: {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or
	 * {@link #CLOSED}. It becomes OPEN and CLOSED only as the {@code open} and
	 * {@code close} events are dispatched, and CLOSING at once inside {@code close()}.
	 * With reconnect configured, it goes from CLOSED back to CONNECTING.
	 * @return the ready state
	 */
	public int readyState() {
		return this.readyState;
	}

	/**
	 * Return the number of bytes that {@code send()} queued and that have not yet been
	 * handed to the network (text counts its UTF-8 bytes). It rises inside
	 * {@code send()}, falls only between events, and keeps rising for messages sent after
	 * the closing handshake started, which are not sent. A new connection (a reconnect, or
	 * {@link #connect()}) forgets the bytes that earlier connections never sent.
	 * @return the buffered amount in bytes
	 */
	public long bufferedAmount() {
		return this.bufferedAmount.get();
	}

	/**
	 * Return the threshold below which a {@code bufferedamountlow} event fires, as on the
	 * browser's {@code RTCDataChannel}.
	 * @return the threshold in bytes, 0 by default
	 */
	public long bufferedAmountLowThreshold() {
		return this.bufferedAmountLowThreshold;
	}

	/**
	 * Fire {@code bufferedamountlow} whenever the buffered amount falls from above this
	 * threshold to at or below it: the signal to send more.
	 * @param threshold the threshold in bytes
	 */
	public void bufferedAmountLowThreshold(long threshold) {
		this.bufferedAmountLowThreshold = Math.max(threshold, 0);
	}

	/**
	 * Return how many reconnect attempts were made since the socket was last open.
	 * @return the number of attempts, 0 while connected
	 */
	public int reconnectAttempts() {
		return this.reconnectAttempts;
	}

	/**
	 * Return the extensions the server selected, {@code ""} until open.
	 * @return the extensions
	 */
	public String extensions() {
		return this.extensions;
	}

	/**
	 * Return the subprotocol the server selected, {@code ""} until open or if none.
	 * @return the protocol
	 */
	public String protocol() {
		return this.protocol;
	}

	/**
	 * Return how binary messages are delivered: {@code "blob"} (the default) as a
	 * {@link Blob}, or {@code "arraybuffer"} as a read-only {@link ByteBuffer}.
	 * @return the binary type
	 */
	public String binaryType() {
		return this.binaryType;
	}

	/**
	 * Set how binary messages are delivered, from the next message dispatched on. Values
	 * other than {@code "blob"} and {@code "arraybuffer"} are ignored, as in browsers.
	 * @param type {@code "blob"} or {@code "arraybuffer"}
	 */
	public void binaryType(@Nullable String type) {
		if ("blob".equals(type) || "arraybuffer".equals(type)) {
			this.binaryType = type;
		}
	}

	/**
	 * Send a text message; lone surrogates are sent as U+FFFD.
	 * @param data the text
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(String data) {
		send(text(data), null);
	}

	/**
	 * Send a binary message with the bytes between the buffer's position and limit, like
	 * sending an {@code ArrayBufferView}. The bytes are copied; the buffer is not changed.
	 * @param data the bytes
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(ByteBuffer data) {
		send(binary(data), null);
	}

	/**
	 * Send a binary message, like sending an {@code ArrayBuffer}. The bytes are copied.
	 * @param data the bytes
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(byte[] data) {
		send(binary(data), null);
	}

	/**
	 * Send a binary message with the contents of a {@link Blob}.
	 * @param data the blob
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(Blob data) {
		send(binary(data), null);
	}

	/**
	 * Send a text message like {@link #send(String)}, and learn when it has been written.
	 * @param data the text
	 * @return a future that completes once the message has been written, or exceptionally
	 * if it is not sent (the socket is closing or closed, or the policy dropped it)
	 * @throws DOMException as {@link #send(String)}
	 */
	public CompletableFuture<Void> sendAsync(String data) {
		return sendAsync(text(data));
	}

	/**
	 * Send a binary message like {@link #send(ByteBuffer)}, and learn when it has been
	 * written.
	 * @param data the bytes
	 * @return a future that completes once the message has been written, or exceptionally
	 * if it is not sent
	 * @throws DOMException as {@link #send(ByteBuffer)}
	 */
	public CompletableFuture<Void> sendAsync(ByteBuffer data) {
		return sendAsync(binary(data));
	}

	/**
	 * Send a binary message like {@link #send(byte[])}, and learn when it has been written.
	 * @param data the bytes
	 * @return a future that completes once the message has been written, or exceptionally
	 * if it is not sent
	 * @throws DOMException as {@link #send(byte[])}
	 */
	public CompletableFuture<Void> sendAsync(byte[] data) {
		return sendAsync(binary(data));
	}

	/**
	 * Send a binary message like {@link #send(Blob)}, and learn when it has been written.
	 * @param data the blob
	 * @return a future that completes once the message has been written, or exceptionally
	 * if it is not sent
	 * @throws DOMException as {@link #send(Blob)}
	 */
	public CompletableFuture<Void> sendAsync(Blob data) {
		return sendAsync(binary(data));
	}

	private CompletableFuture<Void> sendAsync(WebSocketMessage<?> message) {
		CompletableFuture<Void> written = new CompletableFuture<>();
		send(message, written);
		return written;
	}

	private static WebSocketMessage<?> text(String data) {
		Objects.requireNonNull(data, "data must not be null");
		return new TextMessage(Utf8.toUsvString(data));
	}

	private static WebSocketMessage<?> binary(ByteBuffer data) {
		Objects.requireNonNull(data, "data must not be null");
		return new BinaryMessage(ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip());
	}

	private static WebSocketMessage<?> binary(byte[] data) {
		Objects.requireNonNull(data, "data must not be null");
		return new BinaryMessage(data.clone());
	}

	private static WebSocketMessage<?> binary(Blob data) {
		Objects.requireNonNull(data, "data must not be null");
		return new BinaryMessage(data.arrayBuffer());
	}

	private void send(WebSocketMessage<?> message, @Nullable CompletableFuture<Void> written) {
		long size = (message instanceof TextMessage text) ? Utf8.encodedLength(text.getPayload())
				: message.getPayloadLength();
		Outgoing outgoing = new Outgoing(message, null, size, written);
		synchronized (this.lock) {
			boolean reconnecting = this.options.bufferWhileReconnecting() && isReconnecting();
			if (this.readyState == CONNECTING && !reconnecting) {
				throw DOMException.invalidStateError("Still in CONNECTING state");
			}
			if (reconnecting && this.readyState != OPEN) {
				if (this.bytesSentWhileReconnecting + size > this.options.maxBufferedAmount()) {
					throw DOMException.quotaExceededError("The queue of messages sent while reconnecting is full");
				}
				this.bufferedAmount.addAndGet(size);
				this.sentWhileReconnecting.add(outgoing);
				this.bytesSentWhileReconnecting += size;
				return;
			}
			Connection connection = this.connection;
			if (this.readyState == OPEN && connection != null) {
				if (connection.hasRoomFor(size)) {
					this.bufferedAmount.addAndGet(size);
					connection.enqueue(outgoing);
				}
				else {
					overflow(connection, outgoing);
				}
				return;
			}
			// CLOSING or CLOSED: counted, never sent
			countNotSent(outgoing);
		}
	}

	// called under the lock
	private void countNotSent(Outgoing outgoing) {
		this.bufferedAmount.addAndGet(outgoing.size());
		this.bytesNotSent += outgoing.size();
		outgoing.notSent();
	}

	// called under the lock
	private void overflow(Connection connection, Outgoing outgoing) {
		long limit = this.options.maxBufferedAmount();
		switch (this.options.overflowPolicy()) {
			case REJECT -> throw DOMException.quotaExceededError("More than " + limit + " bytes would be buffered");
			case DROP -> outgoing.notSent();
			case FAIL -> {
				countNotSent(outgoing);
				connection.fail(new IllegalStateException("More than " + limit + " bytes buffered: the send buffer is full"),
						SEND_BUFFER_FULL);
			}
		}
	}

	// called under the lock: reconnecting means a reconnect is scheduled or under way
	private boolean isReconnecting() {
		return this.reconnectTimer != null || (this.reconnectAttempts > 0 && this.readyState == CONNECTING);
	}

	/**
	 * Start the closing handshake with an empty Close frame; the peer's reply arrives as
	 * a {@code close} event with code 1005 if it carries no code either.
	 */
	@Override
	public void close() {
		close(null, null);
	}

	/**
	 * Start the closing handshake with a code.
	 * @param code 1000 or 3000 to 4999
	 * @throws DOMException {@code InvalidAccessError} for any other code
	 */
	public void close(int code) {
		close(code, null);
	}

	/**
	 * Start the closing handshake with a code and a reason. Messages already passed to
	 * {@code send()} go out first. While {@link #CONNECTING} this fails the connection
	 * instead ({@code error}, then {@code close} with code 1006); once CLOSING or CLOSED
	 * it sends nothing. It also stops reconnecting. A socket whose {@link #connect()} was
	 * deferred and not yet called becomes CLOSED at once, without events.
	 * @param code 1000 or 3000 to 4999
	 * @param reason at most 123 bytes in UTF-8
	 * @throws DOMException {@code InvalidAccessError} for any other code,
	 * {@code SyntaxError} for a longer reason
	 */
	public void close(int code, @Nullable String reason) {
		close(Integer.valueOf(code), reason);
	}

	private void close(@Nullable Integer code, @Nullable String reason) {
		if (code != null && code != 1000 && (code < 3000 || code > 4999)) {
			throw DOMException.invalidAccessError("The close code must be 1000 or in 3000-4999, not " + code);
		}
		String usvReason = (reason != null) ? Utf8.toUsvString(reason) : null;
		if (usvReason != null && Utf8.encodedLength(usvReason) > MAX_REASON_BYTES) {
			throw DOMException.syntaxError("The close reason must be at most 123 bytes in UTF-8");
		}
		CloseStatus status = (code == null) ? CloseStatus.NO_STATUS_CODE
				: (usvReason != null) ? new CloseStatus(code, usvReason) : new CloseStatus(code);
		startClosing(status);
	}

	/**
	 * Start the closing handshake with code 1001 "Going away", as a browser does for the
	 * sockets of a page that goes away; {@link #close(int, String)} refuses that code, which
	 * only the user agent may send. Otherwise the same as {@code close(code, reason)}:
	 * messages already passed to {@code send()} go out first, a socket that is still
	 * connecting fails instead, and reconnecting stops. An application that shuts down
	 * closes its client sockets this way.
	 */
	public void closeGoingAway() {
		startClosing(GOING_AWAY);
	}

	private void startClosing(CloseStatus status) {
		synchronized (this.lock) {
			this.closeRequested = true;
			cancelReconnect();
			discardSentWhileReconnecting();
			Connection connection = this.connection;
			if (connection == null) {
				// connect() was deferred and never called: there is nothing to close
				this.readyState = CLOSED;
				return;
			}
			switch (this.readyState) {
				case CONNECTING -> {
					this.readyState = CLOSING;
					connection.fail(null);
				}
				case OPEN -> {
					this.readyState = CLOSING;
					connection.enqueue(new Outgoing(null, status, 0, null));
				}
				default -> {
				}
			}
		}
	}

	// called under the lock
	private void cancelReconnect() {
		ScheduledFuture<?> timer = this.reconnectTimer;
		if (timer != null) {
			timer.cancel(false);
			this.reconnectTimer = null;
		}
	}

	// called under the lock
	private void discardSentWhileReconnecting() {
		this.bufferedAmount.addAndGet(-this.bytesSentWhileReconnecting);
		this.sentWhileReconnecting.forEach(Outgoing::notSent);
		this.sentWhileReconnecting.clear();
		this.bytesSentWhileReconnecting = 0;
	}

	/**
	 * Set the {@code open} handler; {@code null} clears it.
	 * @param handler the handler
	 */
	public void onopen(@Nullable EventListener<Event> handler) {
		this.listeners.setHandler("open", handler, Event.class);
	}

	/**
	 * Return the {@code open} handler.
	 * @return the handler or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable EventListener<Event> onopen() {
		return (EventListener<Event>) this.listeners.handler("open");
	}

	/**
	 * Set the {@code message} handler; {@code null} clears it.
	 * @param handler the handler
	 */
	public void onmessage(@Nullable EventListener<MessageEvent> handler) {
		this.listeners.setHandler("message", handler, MessageEvent.class);
	}

	/**
	 * Return the {@code message} handler.
	 * @return the handler or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable EventListener<MessageEvent> onmessage() {
		return (EventListener<MessageEvent>) this.listeners.handler("message");
	}

	/**
	 * Set the {@code error} handler; {@code null} clears it. The events are
	 * {@link ErrorEvent}s carrying their cause.
	 * @param handler the handler
	 */
	public void onerror(@Nullable EventListener<Event> handler) {
		this.listeners.setHandler("error", handler, Event.class);
	}

	/**
	 * Return the {@code error} handler.
	 * @return the handler or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable EventListener<Event> onerror() {
		return (EventListener<Event>) this.listeners.handler("error");
	}

	/**
	 * Set the {@code close} handler; {@code null} clears it.
	 * @param handler the handler
	 */
	public void onclose(@Nullable EventListener<CloseEvent> handler) {
		this.listeners.setHandler("close", handler, CloseEvent.class);
	}

	/**
	 * Return the {@code close} handler.
	 * @return the handler or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable EventListener<CloseEvent> onclose() {
		return (EventListener<CloseEvent>) this.listeners.handler("close");
	}

	/**
	 * Set the {@code bufferedamountlow} handler; {@code null} clears it.
	 * @param handler the handler
	 * @see #bufferedAmountLowThreshold(long)
	 */
	public void onbufferedamountlow(@Nullable EventListener<Event> handler) {
		this.listeners.setHandler("bufferedamountlow", handler, Event.class);
	}

	/**
	 * Return the {@code bufferedamountlow} handler.
	 * @return the handler or {@code null}
	 */
	@SuppressWarnings("unchecked")
	public @Nullable EventListener<Event> onbufferedamountlow() {
		return (EventListener<Event>) this.listeners.handler("bufferedamountlow");
	}

	@Override
	public void addEventListener(String type, EventListener<? super Event> listener) {
		addEventListener(type, listener, false);
	}

	@Override
	public void addEventListener(String type, EventListener<? super Event> listener, boolean once) {
		this.listeners.add(type, listener, Event.class, once);
	}

	@Override
	public void removeEventListener(String type, EventListener<? super Event> listener) {
		this.listeners.remove(type, listener);
	}

	/**
	 * Add a typed listener: {@code addEventListener(EventType.MESSAGE, e -> use(e.data()))}.
	 * @param <E> the event class
	 * @param type the event type
	 * @param listener the listener
	 */
	public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener) {
		addEventListener(type, listener, false);
	}

	/**
	 * Add a typed listener.
	 * @param <E> the event class
	 * @param type the event type
	 * @param listener the listener
	 * @param once whether the listener is removed before it is first called
	 */
	public <E extends Event> void addEventListener(EventType<E> type, EventListener<? super E> listener,
			boolean once) {
		this.listeners.add(type.name(), listener, type.eventClass(), once);
	}

	/**
	 * Remove a typed listener.
	 * @param <E> the event class
	 * @param type the event type
	 * @param listener the listener
	 */
	public <E extends Event> void removeEventListener(EventType<E> type, EventListener<? super E> listener) {
		this.listeners.remove(type.name(), listener);
	}

	@Override
	public boolean dispatchEvent(Event event) {
		fire(event);
		return true;
	}

	private void fire(Event event) {
		event.dispatchingTo(this);
		this.listeners.dispatch(event, this::listenerFailed);
		event.dispatchingTo(null);
	}

	private void listenerFailed(Event event, Throwable ex) {
		this.options.observer().listenerFailed(this, event, ex);
		logger.error("A '" + event.type() + "' listener of " + this + " threw an exception", ex);
	}

	private void opened(Connection connection, String protocol, String extensions) {
		synchronized (this.lock) {
			// close() during CONNECTING has already failed the connection
			if (this.readyState != CONNECTING || this.connection != connection) {
				return;
			}
			this.protocol = protocol;
			this.extensions = extensions;
			this.readyState = OPEN;
			this.backOff = null;
			this.reconnectAttempts = 0;
			this.sentWhileReconnecting.forEach(connection::enqueue);
			this.sentWhileReconnecting.clear();
			this.bytesSentWhileReconnecting = 0;
		}
		connection.opened = true;
		this.options.observer().opened(this, connection.elapsed());
		fire(new Event("open"));
	}

	private void received(Object data) {
		if (this.readyState != OPEN) {
			return;
		}
		Object eventData = data;
		WebSocketObserver observer = this.options.observer();
		if (data instanceof byte[] bytes) {
			observer.messageReceived(this, false, bytes.length);
			eventData = "arraybuffer".equals(this.binaryType) ? ByteBuffer.wrap(bytes).asReadOnlyBuffer()
					: Blob.wrap(bytes);
		}
		else if (observer != WebSocketObserver.NONE) {
			observer.messageReceived(this, true, Utf8.encodedLength((String) data));
		}
		fire(new MessageEvent("message", eventData, this.url.origin()));
	}

	private void closingStarted(Connection connection) {
		synchronized (this.lock) {
			if (this.readyState == OPEN && this.connection == connection) {
				this.readyState = CLOSING;
			}
		}
	}

	private void written(Connection connection, long size) {
		synchronized (this.lock) {
			if (connection.settled) {
				return;
			}
			connection.unwritten -= size;
		}
		long after = this.bufferedAmount.addAndGet(-size);
		long threshold = this.bufferedAmountLowThreshold;
		if (after <= threshold && after + size > threshold) {
			fire(new Event("bufferedamountlow"));
		}
	}

	private void closed(Connection connection, boolean failed, @Nullable Throwable cause, int code, String reason,
			boolean wasClean) {
		synchronized (this.lock) {
			this.readyState = CLOSED;
			// what this connection still owes is settled now, not by write tasks still to come
			connection.settled = true;
			this.bufferedAmount.addAndGet(-connection.unwritten);
			connection.unwritten = 0;
			connection.discardQueue();
			// decided before the events, so that listeners, and other threads sending
			// meanwhile, already see the socket as reconnecting
			scheduleReconnect(code);
		}
		WebSocketObserver observer = this.options.observer();
		if (failed && !connection.opened) {
			observer.openFailed(this, connection.elapsed(), cause);
		}
		if (failed) {
			fire(new ErrorEvent("error", cause));
		}
		CloseEvent event = new CloseEvent("close", wasClean, code, reason);
		observer.closed(this, event, failed);
		fire(event);
	}

	// called under the lock; messages queued for a reconnect that will not happen fail
	private void scheduleReconnect(int code) {
		BackOff reconnect = this.options.reconnect();
		if (reconnect == null || this.closeRequested || this.options.reconnectStopCodes().contains(code)) {
			discardSentWhileReconnecting();
			return;
		}
		BackOffExecution backOff = this.backOff;
		if (backOff == null) {
			backOff = reconnect.start();
			this.backOff = backOff;
		}
		long delay = backOff.nextBackOff();
		if (delay == BackOffExecution.STOP) {
			logger.debug("Not reconnecting " + this + ": the back-off has stopped");
			discardSentWhileReconnecting();
			return;
		}
		this.reconnectAttempts++;
		this.options.observer().reconnectScheduled(this, this.reconnectAttempts, Duration.ofMillis(delay));
		this.reconnectTimer = SharedExecutors.TIMER.schedule(() -> this.dispatcher.execute(this::reconnect), delay,
				TimeUnit.MILLISECONDS);
	}

	private void reconnect() {
		Connection started;
		synchronized (this.lock) {
			if (this.reconnectTimer == null || this.readyState != CLOSED) {
				return;
			}
			this.reconnectTimer = null;
			started = newConnection();
		}
		started.start();
	}

	@Override
	public String toString() {
		return "WebSocket[" + this.url.redacted() + "]";
	}

	private static String basicCredentials(String userInfo) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(userInfo.length());
		for (int i = 0; i < userInfo.length(); i++) {
			char c = userInfo.charAt(i);
			if (c == '%' && i + 2 < userInfo.length() && isHex(userInfo.charAt(i + 1)) && isHex(userInfo.charAt(i + 2))) {
				bytes.write(Integer.parseInt(userInfo, i + 1, i + 3, 16));
				i += 2;
			}
			else {
				bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

	/**
	 * A message or a Close frame waiting for its turn to be written, and whoever waits for
	 * the write.
	 */
	private record Outgoing(@Nullable WebSocketMessage<?> message, @Nullable CloseStatus close, long size,
			@Nullable CompletableFuture<Void> written) {

		void notSent() {
			if (this.written != null) {
				this.written.completeExceptionally(new IllegalStateException("The message was not sent"));
			}
		}

	}

	/**
	 * One connection: the handler of the transport's callbacks, which turns them into
	 * tasks on the socket's dispatcher, the writer of the send queue, and the heartbeat.
	 */
	private final class Connection implements WebSocketHandler, ClosingHandshakeAware {

		private final String host = WebSocket.this.url.host() + ":" + WebSocket.this.url.port();

		private final MessageAssembler assembler = new MessageAssembler(WebSocket.this.options.maxMessageSize());

		private final AtomicBoolean finished = new AtomicBoolean();

		// guarded by WebSocket.this.lock
		private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

		private long queuedBytes;

		private boolean writing;

		// bytes of this connection's messages still counted in bufferedAmount
		private long unwritten;

		private boolean settled;

		private final long started = System.nanoTime();

		// confined to the dispatcher
		private boolean opened;

		private volatile @Nullable CompletableFuture<WebSocketSession> handshake;

		private volatile @Nullable WebSocketSession session;

		private volatile @Nullable Throwable failure;

		private volatile @Nullable ScheduledFuture<?> heartbeat;

		private volatile long lastPong = System.nanoTime();

		void start() {
			ConnectGate.enter(this.host, this::connect);
		}

		Duration elapsed() {
			return Duration.ofNanos(System.nanoTime() - this.started);
		}

		private void connect() {
			if (this.finished.get()) {
				ConnectGate.done(this.host);
				return;
			}
			CompletableFuture<WebSocketSession> handshake;
			try {
				HandshakeRequest request = new HandshakeRequest(WebSocket.this.url.requestUri(), handshakeHeaders(),
						WebSocket.this.reconnectAttempts);
				WebSocket.this.options.handshakeCustomizer().accept(request);
				WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
				headers.addAll(request.headers());
				handshake = WebSocket.this.options.transport().execute(this, headers, request.uri());
			}
			catch (RuntimeException ex) {
				handshake = CompletableFuture.failedFuture(ex);
			}
			this.handshake = handshake;
			long timeout = WebSocket.this.options.connectTimeout().toNanos();
			ScheduledFuture<?> timer = SharedExecutors.TIMER.schedule(
					() -> fail(new TimeoutException("Opening handshake timed out")), timeout, TimeUnit.NANOSECONDS);
			handshake.whenComplete((session, ex) -> {
				timer.cancel(false);
				ConnectGate.done(this.host);
				if (ex != null) {
					fail(unwrap(ex));
				}
			});
			if (this.finished.get()) {
				handshake.cancel(false);
			}
		}

		private HttpHeaders handshakeHeaders() {
			WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
			headers.addAll(WebSocket.this.options.headers());
			if (!WebSocket.this.protocols.isEmpty()) {
				headers.setSecWebSocketProtocol(WebSocket.this.protocols);
			}
			String userInfo = WebSocket.this.url.userInfo();
			if (userInfo != null && !headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
				headers.set(HttpHeaders.AUTHORIZATION, "Basic " + basicCredentials(userInfo));
			}
			return headers;
		}

		// called under WebSocket.this.lock
		boolean hasRoomFor(long size) {
			return this.queuedBytes + size <= WebSocket.this.options.maxBufferedAmount();
		}

		// called under WebSocket.this.lock, with the size already in bufferedAmount
		void enqueue(Outgoing outgoing) {
			this.unwritten += outgoing.size();
			if (this.finished.get()) {
				outgoing.notSent();
				return;
			}
			this.queue.add(outgoing);
			this.queuedBytes += outgoing.size();
			if (!this.writing) {
				this.writing = true;
				SharedExecutors.WRITES.execute(this::drain);
			}
		}

		// called under WebSocket.this.lock
		void discardQueue() {
			this.queue.forEach(Outgoing::notSent);
			this.queue.clear();
			this.queuedBytes = 0;
		}

		// one write in flight: the next one starts when the previous one has returned
		private void drain() {
			WebSocketSession session = Objects.requireNonNull(this.session);
			while (true) {
				Outgoing next;
				synchronized (WebSocket.this.lock) {
					next = this.queue.poll();
					if (next == null) {
						this.writing = false;
						return;
					}
					this.queuedBytes -= next.size();
				}
				long size = next.size();
				if (size > 0) {
					// counted as written when handed over, so that an echo never overtakes it
					WebSocket.this.dispatcher.execute(() -> written(this, size));
				}
				WebSocketMessage<?> message = next.message();
				if (message instanceof TextMessage || message instanceof BinaryMessage) {
					WebSocket.this.options.observer().messageSent(WebSocket.this, message instanceof TextMessage, size);
				}
				try {
					if (message != null) {
						session.sendMessage(message);
					}
					else {
						session.close(Objects.requireNonNull(next.close()));
					}
					if (next.written() != null) {
						next.written().complete(null);
					}
				}
				catch (Exception ex) {
					// the connection is going away; its close event follows
					logger.debug("Could not write to " + WebSocket.this, ex);
					next.notSent();
				}
			}
		}

		private void ping() {
			WebSocketSession session = this.session;
			if (session == null || this.finished.get()) {
				return;
			}
			long sent = System.nanoTime();
			synchronized (WebSocket.this.lock) {
				enqueue(new Outgoing(new PingMessage(), null, 0, null));
			}
			Duration pongTimeout = WebSocket.this.options.pongTimeout();
			SharedExecutors.TIMER.schedule(() -> {
				if (this.lastPong - sent < 0) {
					fail(new TimeoutException("No Pong within " + pongTimeout + " of a Ping"));
				}
			}, pongTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}

		/**
		 * Fail the WebSocket connection: drop it and report {@code error}, then
		 * {@code close} with code 1006.
		 * @param cause the cause, {@code null} when close() was called while connecting
		 */
		void fail(@Nullable Throwable cause) {
			fail(cause, CloseStatus.NO_CLOSE_FRAME);
		}

		void fail(@Nullable Throwable cause, CloseStatus status) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			if (cause != null) {
				logger.debug(WebSocket.this + " failed", cause);
			}
			stopHeartbeat();
			CompletableFuture<WebSocketSession> handshake = this.handshake;
			if (handshake != null) {
				handshake.cancel(false);
			}
			WebSocketSession session = this.session;
			if (session != null) {
				closeSession(session, status);
			}
			WebSocket.this.dispatcher
				.execute(() -> closed(this, true, cause, CloseStatus.NO_CLOSE_FRAME.getCode(), "", false));
		}

		private void closeSession(WebSocketSession session, CloseStatus status) {
			SharedExecutors.WRITES.execute(() -> {
				try {
					session.close(status);
				}
				catch (Exception ex) {
					logger.debug("Could not close " + WebSocket.this, ex);
				}
			});
		}

		private void stopHeartbeat() {
			ScheduledFuture<?> heartbeat = this.heartbeat;
			if (heartbeat != null) {
				heartbeat.cancel(false);
			}
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			this.session = session;
			if (this.finished.get()) {
				closeSession(session, CloseStatus.NO_CLOSE_FRAME);
				return;
			}
			String selected = Objects.requireNonNullElse(session.getAcceptedProtocol(), "");
			List<String> offered = WebSocket.this.protocols;
			if (offered.isEmpty() ? !selected.isEmpty() : !offered.contains(selected)) {
				fail(new IllegalStateException(
						"The server selected subprotocol '" + selected + "' but the client offered " + offered));
				return;
			}
			String extensions = session.getExtensions()
				.stream()
				.map(WebSocketExtension::toString)
				.collect(Collectors.joining(", "));
			Duration pingInterval = WebSocket.this.options.pingInterval();
			if (pingInterval != null) {
				this.heartbeat = SharedExecutors.TIMER.scheduleAtFixedRate(this::ping, pingInterval.toNanos(),
						pingInterval.toNanos(), TimeUnit.NANOSECONDS);
			}
			WebSocket.this.dispatcher.execute(() -> opened(this, selected, extensions));
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			if (message instanceof PongMessage) {
				this.lastPong = System.nanoTime();
				return;
			}
			Object data;
			try {
				data = this.assembler.append(message);
			}
			catch (MessageTooBigException ex) {
				fail(ex, CloseStatus.TOO_BIG_TO_PROCESS);
				return;
			}
			if (data != null) {
				WebSocket.this.dispatcher.execute(() -> received(data));
			}
		}

		@Override
		public void closingHandshakeStarted(WebSocketSession session, CloseStatus status) {
			WebSocket.this.dispatcher.execute(() -> closingStarted(this));
		}

		@Override
		public void handleTransportError(WebSocketSession session, Throwable exception) {
			if (this.failure == null) {
				this.failure = exception;
			}
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			stopHeartbeat();
			Throwable failure = this.failure;
			if (failure != null) {
				logger.debug(WebSocket.this + " failed", failure);
			}
			boolean failed = failure != null;
			int code = failed ? CloseStatus.NO_CLOSE_FRAME.getCode() : status.getCode();
			String reason = (failed || status.getReason() == null) ? "" : status.getReason();
			boolean wasClean = code != CloseStatus.NO_CLOSE_FRAME.getCode();
			WebSocket.this.dispatcher.execute(() -> closed(this, failed, failure, code, reason, wasClean));
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

		private Throwable unwrap(Throwable ex) {
			return ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null)
					? ex.getCause() : ex;
		}

	}

}
