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

package io.github.wsapi.testserver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection accepted by a {@link RawWebSocketServer}, with byte-exact, blocking
 * access to the handshake and the frames so that a test can play a peer that breaks the
 * rules on purpose. Reads and writes are serialized on separate locks: one thread may
 * write while another one is blocked reading.
 *
 * @author wsapi contributors
 */
public final class RawConnection {

	public static final int CONTINUATION = 0x0;

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final Socket socket;

	private final InputStream in;

	private volatile boolean clientClosed;

	private final OutputStream out;

	private final ReentrantLock readLock = new ReentrantLock();

	private final Object writeLock = new Object();

	private final List<Frame> frames = new CopyOnWriteArrayList<>();

	RawConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = new BufferedOutputStream(socket.getOutputStream());
	}

	/**
	 * Read the HTTP request head: the request line and the headers up to the empty line.
	 */
	public HandshakeRequest readHandshake() throws IOException {
		this.readLock.lock();
		try {
			String requestLine = readLine();
			String[] parts = requestLine.split(" ", 3);
			if (parts.length != 3) {
				throw new ProtocolException("Malformed request line: " + requestLine);
			}
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (String line = readLine(); !line.isEmpty(); line = readLine()) {
				int colon = line.indexOf(':');
				if (colon <= 0) {
					throw new ProtocolException("Malformed header line: " + line);
				}
				headers.computeIfAbsent(line.substring(0, colon).trim(), (name) -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
			}
			return new HandshakeRequest(parts[0], parts[1], headers);
		}
		finally {
			this.readLock.unlock();
		}
	}

	/**
	 * Write a correct {@code 101 Switching Protocols} response plus the given header
	 * lines, e.g. {@code "Sec-WebSocket-Protocol: chat"}.
	 */
	public void acceptHandshake(HandshakeRequest request, String... extraHeaderLines) throws IOException {
		write(handshakeResponse(request, extraHeaderLines));
	}

	/**
	 * Return the bytes {@link #acceptHandshake} writes, to send them together with frames
	 * in one {@link #write}.
	 */
	public byte[] handshakeResponse(HandshakeRequest request, String... extraHeaderLines) {
		String key = request.header("Sec-WebSocket-Key");
		if (key == null) {
			throw new IllegalArgumentException("No Sec-WebSocket-Key in " + request);
		}
		StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
		response.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		response.append("Sec-WebSocket-Accept: ").append(acceptKey(key)).append("\r\n");
		for (String line : extraHeaderLines) {
			response.append(line).append("\r\n");
		}
		return response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	public static String acceptKey(String secWebSocketKey) {
		try {
			byte[] input = (secWebSocketKey + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII);
			return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(input));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write the chunks in one socket write, so that the client receives them together.
	 */
	public void write(byte[]... chunks) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] chunk : chunks) {
			all.writeBytes(chunk);
		}
		synchronized (this.writeLock) {
			this.out.write(all.toByteArray());
			this.out.flush();
		}
	}

	public void writeAscii(String text) throws IOException {
		write(text.getBytes(StandardCharsets.US_ASCII));
	}

	public static byte[] frame(int opcode, byte[] payload, boolean fin) {
		return frame(opcode, payload, fin, 0, false);
	}

	/**
	 * Encode a frame with the shortest length encoding. {@code rsvBits} go from {@code 0}
	 * to {@code 7} ({@code 4} is RSV1); {@code masked} masks with a random key, which a
	 * server must never do.
	 */
	public static byte[] frame(int opcode, byte[] payload, boolean fin, int rsvBits, boolean masked) {
		int length = payload.length;
		int extendedLength = (length < 126) ? 0 : (length <= 0xFFFF) ? 2 : 8;
		ByteBuffer frame = ByteBuffer.allocate(2 + extendedLength + (masked ? 4 : 0) + length);
		frame.put((byte) ((fin ? 0x80 : 0) | (rsvBits & 0x7) << 4 | (opcode & 0xF)));
		int lengthCode = (extendedLength == 0) ? length : (extendedLength == 2) ? 126 : 127;
		frame.put((byte) ((masked ? 0x80 : 0) | lengthCode));
		if (extendedLength == 2) {
			frame.putShort((short) length);
		}
		else if (extendedLength == 8) {
			frame.putLong(length);
		}
		byte[] mask = new byte[4];
		if (masked) {
			ThreadLocalRandom.current().nextBytes(mask);
			frame.put(mask);
		}
		for (int i = 0; i < length; i++) {
			frame.put((byte) (payload[i] ^ mask[i & 3]));
		}
		return frame.array();
	}

	public static byte[] textFrame(String text) {
		return frame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
	}

	public static byte[] binaryFrame(byte[] bytes) {
		return frame(BINARY, bytes, true);
	}

	public static byte[] closeFrame(int code, String reason) {
		byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
		ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes);
		return frame(CLOSE, payload.array(), true);
	}

	/**
	 * Encode a Close frame without a body, which the client reports as 1005.
	 */
	public static byte[] closeFrame() {
		return frame(CLOSE, new byte[0], true);
	}

	/**
	 * Read one frame, unmask it and record it. An unmasked client frame is not rejected:
	 * {@link Frame#masked()} tells.
	 */
	public Frame readFrame() throws IOException {
		this.readLock.lock();
		try {
			int head = read();
			int second = read();
			long length = second & 0x7F;
			if (length == 126) {
				length = readUnsigned(2);
			}
			else if (length == 127) {
				length = readUnsigned(8);
			}
			if (length < 0 || length > Integer.MAX_VALUE - 8) {
				throw new ProtocolException("Unsupported frame length " + length);
			}
			boolean masked = (second & 0x80) != 0;
			byte[] mask = masked ? readFully(4) : new byte[4];
			byte[] payload = readFully((int) length);
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= mask[i & 3];
			}
			Frame frame = new Frame((head & 0x80) != 0, (head >> 4) & 0x7, head & 0xF, masked, payload);
			this.frames.add(frame);
			return frame;
		}
		finally {
			this.readLock.unlock();
		}
	}

	/**
	 * Read frames until a complete, reassembled data message, or a Close frame returned
	 * as a message with opcode {@link #CLOSE}. Pings and pongs are recorded, not
	 * answered.
	 */
	public Message readMessage() throws IOException {
		this.readLock.lock();
		try {
			ByteArrayOutputStream payload = new ByteArrayOutputStream();
			int opcode = -1;
			while (true) {
				Frame frame = readFrame();
				if (frame.opcode() == CLOSE) {
					return new Message(CLOSE, frame.payload());
				}
				if (frame.opcode() < CLOSE) {
					if ((frame.opcode() == CONTINUATION) != (opcode != -1)) {
						throw new ProtocolException("Unexpected " + frame);
					}
					opcode = (opcode != -1) ? opcode : frame.opcode();
					payload.writeBytes(frame.payload());
					if (frame.fin()) {
						return new Message(opcode, payload.toByteArray());
					}
				}
			}
		}
		finally {
			this.readLock.unlock();
		}
	}

	/**
	 * Read messages until the client's Close and return it.
	 */
	public Message readUntilClose() throws IOException {
		Message message = readMessage();
		while (message.opcode() != CLOSE) {
			message = readMessage();
		}
		return message;
	}

	/**
	 * Echo every data message, unfragmented, until the client's Close, whose payload is
	 * echoed verbatim before the socket is closed. Fails if the client drops the
	 * connection without a Close.
	 */
	public void echoUntilClose() throws IOException {
		Message message = readMessage();
		while (message.opcode() != CLOSE) {
			write(frame(message.opcode(), message.payload(), true));
			message = readMessage();
		}
		write(frame(CLOSE, message.payload(), true));
		closeTcp();
	}

	/**
	 * Close the socket: a FIN, or an RST if data the client sent is still unread.
	 */
	public void closeTcp() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Already closed
		}
	}

	/**
	 * Close the socket with a zero linger time, which sends an RST.
	 */
	public void abortTcp() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			// Already closed
		}
	}

	/**
	 * Wait until the client closes or resets the TCP connection, recording the frames it
	 * sends meanwhile. After a timeout the input may be left in the middle of a frame.
	 */
	public boolean awaitClientClosed(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			// Another thread blocked reading releases the lock as soon as the client closes
			if (!this.readLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		try {
			if (this.socket.isClosed()) {
				// a script reading at the time saw the client close first, then closed its side
				if (this.clientClosed) {
					return true;
				}
				throw new IllegalStateException("The socket was closed on the server side");
			}
			while (true) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0) {
					return false;
				}
				this.socket.setSoTimeout((int) Math.min(remaining, Integer.MAX_VALUE));
				readFrame();
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (EOFException | SocketException ex) {
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			resetSoTimeout();
			this.readLock.unlock();
		}
	}

	/**
	 * Return every frame read so far, in order.
	 */
	public List<Frame> framesReceived() {
		return List.copyOf(this.frames);
	}

	public Socket socket() {
		return this.socket;
	}

	private void resetSoTimeout() {
		try {
			this.socket.setSoTimeout(0);
		}
		catch (SocketException ex) {
			// Closed meanwhile: nothing to reset
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = read(); b != '\n'; b = read()) {
			line.write(b);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private long readUnsigned(int bytes) throws IOException {
		long value = 0;
		for (int i = 0; i < bytes; i++) {
			value = (value << 8) | read();
		}
		return value;
	}

	private int read() throws IOException {
		int b = this.in.read();
		if (b == -1) {
			throw clientClosed();
		}
		return b;
	}

	private byte[] readFully(int length) throws IOException {
		byte[] bytes = this.in.readNBytes(length);
		if (bytes.length < length) {
			throw clientClosed();
		}
		return bytes;
	}

	private EOFException clientClosed() {
		this.clientClosed = true;
		return new EOFException("The client closed the connection");
	}

	/**
	 * The head of an HTTP request; {@code target} is path and query, header names are
	 * case-insensitive.
	 */
	public record HandshakeRequest(String method, String target, Map<String, List<String>> headers) {

		public HandshakeRequest {
			Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			caseInsensitive.putAll(headers);
			headers = Collections.unmodifiableMap(caseInsensitive);
		}

		/**
		 * Return the values of a header joined with {@code ", "}, or {@code null}.
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? String.join(", ", values) : null;
		}

	}

	/**
	 * A frame read from the client, with its payload unmasked.
	 */
	public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) implements Payload {

		@Override
		public String toString() {
			return "Frame[fin=" + this.fin + ", rsv=" + this.rsv + ", opcode=" + this.opcode + ", masked="
					+ this.masked + ", length=" + this.payload.length + "]";
		}

	}

	/**
	 * A complete data message read from the client, or its Close frame.
	 */
	public record Message(int opcode, byte[] payload) implements Payload {

	}

	/**
	 * Views of a {@link Frame} or {@link Message} payload.
	 */
	public interface Payload {

		byte[] payload();

		default String text() {
			return new String(payload(), StandardCharsets.UTF_8);
		}

		/**
		 * Return the status code of a Close payload, 1005 when it has none.
		 */
		default int closeCode() {
			byte[] payload = payload();
			return (payload.length < 2) ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		}

		default String closeReason() {
			byte[] payload = payload();
			return (payload.length <= 2) ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
		}

	}

}
