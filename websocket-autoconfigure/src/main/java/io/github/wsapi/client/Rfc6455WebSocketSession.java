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

package io.github.wsapi.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.AlternativeJdkIdGenerator;
import org.springframework.util.Assert;
import org.springframework.util.IdGenerator;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * An established client connection of {@link Rfc6455WebSocketClient}: one reader thread
 * delivers messages and drives the closing handshake, senders share one write lock.
 * <p>
 * The state is two facts: whether our Close frame was sent ({@code closeSent}, guarded by
 * the write lock) and the peer's Close frame once received ({@code receivedClose},
 * confined to the reader thread). Closing the TCP socket aborts everything; the reader
 * then reports the outcome to {@link WebSocketHandler#afterConnectionClosed} exactly once.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class Rfc6455WebSocketSession implements WebSocketSession, FrameReader.Callback {

	private static final Log logger = LogFactory.getLog(Rfc6455WebSocketSession.class);

	private static final IdGenerator idGenerator = new AlternativeJdkIdGenerator();

	private static final Duration PEER_EOF_TIMEOUT = Duration.ofSeconds(2);

	private final String id = idGenerator.generateId().toString();

	private final URI uri;

	private final HttpHeaders handshakeHeaders;

	private final Map<String, Object> attributes;

	private final String acceptedProtocol;

	private final Socket tcpSocket;

	private final InetSocketAddress localAddress;

	private final InetSocketAddress remoteAddress;

	private final InputStream in;

	private final FrameReader reader;

	private final FrameWriter writer;

	private final WebSocketHandler handler;

	private final ScheduledExecutorService scheduler;

	private final Duration closeTimeout;

	private volatile int textMessageSizeLimit;

	private volatile int binaryMessageSizeLimit;

	private final ReentrantLock writeLock = new ReentrantLock();

	// guarded by writeLock, volatile so that isOpen() never waits for a writer
	private volatile boolean closeSent;

	// guarded by writeLock
	private @Nullable ScheduledFuture<?> closeTimer;

	// confined to the reader thread
	private @Nullable CloseStatus receivedClose;

	Rfc6455WebSocketSession(URI uri, HttpHeaders handshakeHeaders, Map<String, Object> attributes,
			String acceptedProtocol, Socket tcpSocket, InputStream in, FrameWriter writer, WebSocketHandler handler,
			ScheduledExecutorService scheduler, Duration closeTimeout, int maxMessageSize) {
		this.uri = uri;
		this.handshakeHeaders = HttpHeaders.readOnlyHttpHeaders(handshakeHeaders);
		this.attributes = new ConcurrentHashMap<>(attributes);
		this.acceptedProtocol = acceptedProtocol;
		this.tcpSocket = tcpSocket;
		this.localAddress = (InetSocketAddress) tcpSocket.getLocalSocketAddress();
		this.remoteAddress = (InetSocketAddress) tcpSocket.getRemoteSocketAddress();
		this.in = in;
		this.reader = new FrameReader(in, this);
		this.writer = writer;
		this.handler = handler;
		this.scheduler = scheduler;
		this.closeTimeout = closeTimeout;
		this.textMessageSizeLimit = maxMessageSize;
		this.binaryMessageSizeLimit = maxMessageSize;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return this.handshakeHeaders;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return null;
	}

	@Override
	public InetSocketAddress getLocalAddress() {
		return this.localAddress;
	}

	@Override
	public InetSocketAddress getRemoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public String getAcceptedProtocol() {
		return this.acceptedProtocol;
	}

	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
		Assert.isTrue(messageSizeLimit > 0, "'messageSizeLimit' must be positive");
		this.textMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getTextMessageSizeLimit() {
		return this.textMessageSizeLimit;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		Assert.isTrue(messageSizeLimit > 0, "'messageSizeLimit' must be positive");
		this.binaryMessageSizeLimit = messageSizeLimit;
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return this.binaryMessageSizeLimit;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return Collections.emptyList();
	}

	/**
	 * Return whether messages can still be sent: no Close frame was sent or received and
	 * the connection is not gone.
	 */
	@Override
	public boolean isOpen() {
		return !this.closeSent && !this.tcpSocket.isClosed();
	}

	/**
	 * Send the message as one frame, blocking until it has been written.
	 * @param message a whole text, binary, ping or pong message
	 * @throws IOException if a Close frame was already sent or received, or writing failed
	 */
	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		Assert.isTrue(message.isLast(), "Partial messages are not supported");
		int opcode;
		ByteBuffer payload;
		if (message instanceof TextMessage textMessage) {
			opcode = FrameReader.OPCODE_TEXT;
			payload = ByteBuffer.wrap(textMessage.asBytes());
		}
		else if (message instanceof BinaryMessage binaryMessage) {
			opcode = FrameReader.OPCODE_BINARY;
			payload = binaryMessage.getPayload();
		}
		else if (message instanceof PingMessage pingMessage) {
			opcode = FrameReader.OPCODE_PING;
			payload = pingMessage.getPayload();
		}
		else if (message instanceof PongMessage pongMessage) {
			opcode = FrameReader.OPCODE_PONG;
			payload = pongMessage.getPayload();
		}
		else {
			throw new IllegalArgumentException("Unexpected WebSocketMessage type: " + message.getClass().getName());
		}
		Assert.isTrue(payload.remaining() <= 125 || opcode == FrameReader.OPCODE_TEXT
				|| opcode == FrameReader.OPCODE_BINARY, "Ping and pong payloads must not exceed 125 bytes");
		this.writeLock.lock();
		try {
			if (this.closeSent) {
				throw new IOException("WebSocket is closing: a Close frame was already sent");
			}
			if (this.tcpSocket.isClosed()) {
				throw new IOException("WebSocket connection is closed");
			}
			this.writer.writeFrame(opcode, payload);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public void close() {
		close(CloseStatus.NORMAL);
	}

	/**
	 * Start the closing handshake without waiting for the peer; the outcome is reported
	 * to {@link WebSocketHandler#afterConnectionClosed}. Does nothing if a Close frame
	 * was already sent or the connection is gone. Code 1005 sends a Close frame without a
	 * body; code 1006 aborts the connection at any time, without a Close frame.
	 * @param status the code and reason to send; the reason must fit in 123 UTF-8 bytes
	 */
	@Override
	public void close(CloseStatus status) {
		if (status.getCode() == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			abort();
			return;
		}
		try {
			sendClose(status);
		}
		catch (IOException ex) {
			logger.debug("Failed to send Close frame, aborting " + this, ex);
			abort();
		}
	}

	private void sendClose(CloseStatus status) throws IOException {
		this.writeLock.lock();
		try {
			if (this.closeSent || this.tcpSocket.isClosed()) {
				return;
			}
			this.closeSent = true;
			// started before writing so that a stalled write is bounded too
			this.closeTimer = this.scheduler.schedule(this::abort, this.closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
			this.writer.writeFrame(FrameReader.OPCODE_CLOSE, closePayload(status));
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private static ByteBuffer closePayload(CloseStatus status) {
		if (status.getCode() == CloseStatus.NO_STATUS_CODE.getCode()) {
			return ByteBuffer.allocate(0);
		}
		byte[] reason = (status.getReason() != null) ? status.getReason().getBytes(StandardCharsets.UTF_8)
				: new byte[0];
		Assert.isTrue(reason.length <= 123, "Close reason must not exceed 123 UTF-8 bytes");
		return ByteBuffer.allocate(2 + reason.length).putShort((short) status.getCode()).put(reason).flip();
	}

	private void abort() {
		try {
			this.tcpSocket.close();
		}
		catch (IOException ex) {
			logger.debug("Failed to close socket of " + this, ex);
		}
	}

	/**
	 * Run the connection on the reader thread until it ends: notify the handler, read
	 * frames until the peer's Close frame arrives or the connection fails, then report.
	 */
	void run() {
		FrameReader.ProtocolViolationException violation = null;
		try {
			try {
				this.handler.afterConnectionEstablished(this);
			}
			catch (Throwable ex) {
				logger.error("WebSocketHandler.afterConnectionEstablished failed for " + this, ex);
				close(CloseStatus.SERVER_ERROR);
			}
			while (this.receivedClose == null) {
				this.reader.readFrame();
			}
			awaitPeerEof();
		}
		catch (FrameReader.ProtocolViolationException ex) {
			logger.debug("Failing " + this + ": " + ex.getMessage());
			violation = ex;
			failConnection(ex.getStatus());
		}
		catch (IOException ex) {
			logger.debug("Connection lost for " + this + ": " + ex);
		}
		finally {
			terminate();
			if (violation != null) {
				Throwable exception = violation;
				notifyHandler("handleTransportError", () -> this.handler.handleTransportError(this, exception));
			}
			CloseStatus status = (violation == null && this.receivedClose != null) ? this.receivedClose
					: CloseStatus.NO_CLOSE_FRAME;
			notifyHandler("afterConnectionClosed", () -> this.handler.afterConnectionClosed(this, status));
		}
	}

	private void failConnection(CloseStatus status) {
		// best effort: never wait behind a sender stalled by a peer that does not read
		if (this.writeLock.tryLock()) {
			try {
				sendClose(status);
			}
			catch (IOException ex) {
				logger.trace("Failed to send Close frame for " + this + ": " + ex);
			}
			finally {
				this.writeLock.unlock();
			}
		}
	}

	/**
	 * RFC 6455 section 7.1.1: the server closes TCP first. Wait a little for it; a reset
	 * counts as closed. Anything the peer sends after its Close frame fails the
	 * connection, as browsers do.
	 */
	private void awaitPeerEof() throws FrameReader.ProtocolViolationException {
		long deadline = System.nanoTime() + PEER_EOF_TIMEOUT.toNanos();
		try {
			long remaining;
			while ((remaining = deadline - System.nanoTime()) > 0) {
				this.tcpSocket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				if (this.in.read() == -1) {
					return;
				}
				throw new FrameReader.ProtocolViolationException("Data after the peer's Close frame");
			}
		}
		catch (FrameReader.ProtocolViolationException ex) {
			throw ex;
		}
		catch (IOException ex) {
			logger.trace("Stopped waiting for the peer to close " + this + ": " + ex);
		}
	}

	private void terminate() {
		// closing first also fails a stalled write, which releases the lock
		abort();
		this.writeLock.lock();
		try {
			if (this.closeTimer != null) {
				this.closeTimer.cancel(false);
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public int getMessageSizeLimit(int opcode) {
		return (opcode == FrameReader.OPCODE_TEXT) ? this.textMessageSizeLimit : this.binaryMessageSizeLimit;
	}

	@Override
	public void onMessage(WebSocketMessage<?> message) {
		notifyHandler("handleMessage", () -> this.handler.handleMessage(this, message));
	}

	@Override
	public void onPing(byte[] payload) throws IOException {
		this.writeLock.lock();
		try {
			if (!this.closeSent) {
				this.writer.writeFrame(FrameReader.OPCODE_PONG, ByteBuffer.wrap(payload));
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public void onPong(byte[] payload) {
		PongMessage message = new PongMessage(ByteBuffer.wrap(payload));
		notifyHandler("handleMessage", () -> this.handler.handleMessage(this, message));
	}

	@Override
	public void onClose(CloseStatus status) {
		this.receivedClose = status;
		try {
			sendClose(status);
		}
		catch (IOException ex) {
			// the peer may reset right after its Close: the close is still clean
			logger.trace("Failed to echo Close frame for " + this + ": " + ex);
		}
		if (this.handler instanceof ClosingHandshakeAware aware) {
			notifyHandler("closingHandshakeStarted", () -> aware.closingHandshakeStarted(this, status));
		}
	}

	private void notifyHandler(String callback, HandlerCall call) {
		try {
			call.run();
		}
		catch (Throwable ex) {
			logger.error("WebSocketHandler." + callback + " failed for " + this, ex);
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[id=" + this.id + ", uri=" + Handshake.describe(this.uri) + "]";
	}

	@FunctionalInterface
	private interface HandlerCall {

		void run() throws Exception;

	}

}
