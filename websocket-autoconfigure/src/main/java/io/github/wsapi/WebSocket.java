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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
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

	private static final Log logger = LogFactory.getLog(WebSocket.class);

	private final WebSocketUrl url;

	private final List<String> protocols;

	private final WebSocketOptions options;

	private final EventListeners listeners = new EventListeners();

	private final EventDispatcher dispatcher;

	private final Connection connection;

	private final AtomicLong bufferedAmount = new AtomicLong();

	private final Object lock = new Object();

	// written under the lock, read anywhere
	private volatile int readyState = CONNECTING;

	private volatile String binaryType = "blob";

	private volatile String protocol = "";

	private volatile String extensions = "";

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
	 * @param options the transport, executor, headers and limits to use
	 * @throws DOMException {@code SyntaxError} if the URL is invalid, or a protocol is not
	 * a valid token or is repeated
	 */
	public WebSocket(String url, List<String> protocols, WebSocketOptions options) {
		this.url = WebSocketUrl.parse(url);
		this.protocols = validateProtocols(protocols);
		this.options = options;
		this.dispatcher = new EventDispatcher(options.eventExecutor(), Thread.currentThread());
		this.connection = new Connection();
		this.connection.start();
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
	 * @return the ready state
	 */
	public int readyState() {
		return this.readyState;
	}

	/**
	 * Return the number of bytes that {@code send()} queued and that have not yet been
	 * handed to the network (text counts its UTF-8 bytes). It rises inside
	 * {@code send()}, falls only between events, and keeps rising for messages sent after
	 * the closing handshake started, which are not sent.
	 * @return the buffered amount in bytes
	 */
	public long bufferedAmount() {
		return this.bufferedAmount.get();
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
		Objects.requireNonNull(data, "data must not be null");
		checkNotConnecting();
		String text = Utf8.toUsvString(data);
		enqueue(new TextMessage(text), Utf8.encodedLength(text));
	}

	/**
	 * Send a binary message with the bytes between the buffer's position and limit, like
	 * sending an {@code ArrayBufferView}. The bytes are copied; the buffer is not changed.
	 * @param data the bytes
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(ByteBuffer data) {
		Objects.requireNonNull(data, "data must not be null");
		checkNotConnecting();
		ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
		enqueue(new BinaryMessage(copy), copy.remaining());
	}

	/**
	 * Send a binary message, like sending an {@code ArrayBuffer}. The bytes are copied.
	 * @param data the bytes
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(byte[] data) {
		Objects.requireNonNull(data, "data must not be null");
		checkNotConnecting();
		enqueue(new BinaryMessage(data.clone()), data.length);
	}

	/**
	 * Send a binary message with the contents of a {@link Blob}.
	 * @param data the blob
	 * @throws DOMException {@code InvalidStateError} while {@link #CONNECTING}
	 */
	public void send(Blob data) {
		Objects.requireNonNull(data, "data must not be null");
		checkNotConnecting();
		enqueue(new BinaryMessage(data.arrayBuffer()), data.size());
	}

	private void checkNotConnecting() {
		if (this.readyState == CONNECTING) {
			throw DOMException.invalidStateError("Still in CONNECTING state");
		}
	}

	private void enqueue(WebSocketMessage<?> message, long size) {
		this.bufferedAmount.addAndGet(size);
		synchronized (this.lock) {
			if (this.readyState == OPEN) {
				this.connection.enqueue(new Outgoing(message, null, size));
			}
		}
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
	 * it does nothing.
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
		synchronized (this.lock) {
			switch (this.readyState) {
				case CONNECTING -> {
					this.readyState = CLOSING;
					this.connection.fail(null);
				}
				case OPEN -> {
					this.readyState = CLOSING;
					this.connection.enqueue(new Outgoing(null, status, 0));
				}
				default -> {
				}
			}
		}
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
		logger.error("A '" + event.type() + "' listener of " + this + " threw an exception", ex);
	}

	private void opened(String protocol, String extensions) {
		synchronized (this.lock) {
			// close() during CONNECTING has already failed the connection
			if (this.readyState != CONNECTING) {
				return;
			}
			this.protocol = protocol;
			this.extensions = extensions;
			this.readyState = OPEN;
		}
		fire(new Event("open"));
	}

	private void received(Object data) {
		if (this.readyState != OPEN) {
			return;
		}
		Object eventData = data;
		if (data instanceof byte[] bytes) {
			eventData = "arraybuffer".equals(this.binaryType) ? ByteBuffer.wrap(bytes).asReadOnlyBuffer()
					: Blob.wrap(bytes);
		}
		fire(new MessageEvent("message", eventData, this.url.origin()));
	}

	private void closed(boolean failed, @Nullable Throwable cause, int code, String reason, boolean wasClean) {
		synchronized (this.lock) {
			this.readyState = CLOSED;
			this.connection.discardQueue();
		}
		if (failed) {
			fire(new ErrorEvent("error", cause));
		}
		fire(new CloseEvent("close", wasClean, code, reason));
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
	 * A message or a Close frame waiting for its turn to be written.
	 */
	private record Outgoing(@Nullable WebSocketMessage<?> message, @Nullable CloseStatus close, long size) {
	}

	/**
	 * One connection attempt: the handler of the transport's callbacks, which turns them
	 * into tasks on the socket's dispatcher, and the writer of the send queue.
	 */
	private final class Connection implements WebSocketHandler {

		private final String host = WebSocket.this.url.host() + ":" + WebSocket.this.url.port();

		private final MessageAssembler assembler = new MessageAssembler(WebSocket.this.options.maxMessageSize());

		private final AtomicBoolean finished = new AtomicBoolean();

		// guarded by WebSocket.this.lock
		private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();

		private long queuedBytes;

		private boolean writing;

		private volatile @Nullable CompletableFuture<WebSocketSession> handshake;

		private volatile @Nullable WebSocketSession session;

		private volatile @Nullable Throwable failure;

		void start() {
			ConnectGate.enter(this.host, this::connect);
		}

		private void connect() {
			if (this.finished.get()) {
				ConnectGate.done(this.host);
				return;
			}
			CompletableFuture<WebSocketSession> handshake;
			try {
				handshake = WebSocket.this.options.transport().execute(this, handshakeHeaders(),
						WebSocket.this.url.requestUri());
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

		private WebSocketHttpHeaders handshakeHeaders() {
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
		void enqueue(Outgoing outgoing) {
			if (this.finished.get()) {
				return;
			}
			if (this.queuedBytes + outgoing.size() > WebSocket.this.options.maxBufferedAmount()) {
				fail(new IllegalStateException("More than " + WebSocket.this.options.maxBufferedAmount()
						+ " bytes buffered: the send buffer is full"));
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
					WebSocket.this.dispatcher.execute(() -> WebSocket.this.bufferedAmount.addAndGet(-size));
				}
				try {
					if (next.message() != null) {
						session.sendMessage(next.message());
					}
					else {
						session.close(Objects.requireNonNull(next.close()));
					}
				}
				catch (Exception ex) {
					// the connection is going away; its close event follows
					logger.debug("Could not write to " + WebSocket.this, ex);
				}
			}
		}

		/**
		 * Fail the WebSocket connection: drop it and report {@code error}, then
		 * {@code close} with code 1006.
		 * @param cause the cause, {@code null} when close() was called while connecting
		 */
		void fail(@Nullable Throwable cause) {
			fail(cause, CloseStatus.NO_CLOSE_FRAME);
		}

		private void fail(@Nullable Throwable cause, CloseStatus status) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			if (cause != null) {
				logger.debug(WebSocket.this + " failed", cause);
			}
			CompletableFuture<WebSocketSession> handshake = this.handshake;
			if (handshake != null) {
				handshake.cancel(false);
			}
			WebSocketSession session = this.session;
			if (session != null) {
				closeSession(session, status);
			}
			WebSocket.this.dispatcher.execute(() -> closed(true, cause, CloseStatus.NO_CLOSE_FRAME.getCode(), "", false));
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
			WebSocket.this.dispatcher.execute(() -> opened(selected, extensions));
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
			if (message instanceof PongMessage) {
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
			Throwable failure = this.failure;
			if (failure != null) {
				logger.debug(WebSocket.this + " failed", failure);
			}
			boolean failed = failure != null;
			int code = failed ? CloseStatus.NO_CLOSE_FRAME.getCode() : status.getCode();
			String reason = (failed || status.getReason() == null) ? "" : status.getReason();
			boolean wasClean = code != CloseStatus.NO_CLOSE_FRAME.getCode();
			WebSocket.this.dispatcher.execute(() -> closed(failed, failure, code, reason, wasClean));
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
