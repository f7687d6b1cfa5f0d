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

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Reads server frames (RFC 6455 section 5), reassembles fragmented messages and reports
 * whole messages and control frames to a {@link Callback}. Anything a client must reject
 * is thrown as a {@link ProtocolViolationException}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class FrameReader {

	static final int OPCODE_CONTINUATION = 0x0;

	static final int OPCODE_TEXT = 0x1;

	static final int OPCODE_BINARY = 0x2;

	static final int OPCODE_CLOSE = 0x8;

	static final int OPCODE_PING = 0x9;

	static final int OPCODE_PONG = 0xA;

	private static final int NO_MESSAGE = -1;

	private static final int INITIAL_MESSAGE_CAPACITY = 64 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final InputStream in;

	private final Callback callback;

	private int messageOpcode = NO_MESSAGE;

	private byte[] message = EMPTY;

	private int messageLength;

	/**
	 * Create a reader.
	 * @param in the buffered stream that also carried the handshake response
	 * @param callback the receiver of messages and control frames
	 */
	FrameReader(InputStream in, Callback callback) {
		this.in = in;
		this.callback = callback;
	}

	/**
	 * Read the next frame and report it, or the message it completes, to the callback.
	 * @throws ProtocolViolationException if the peer violated the protocol
	 * @throws IOException if the connection ended or failed
	 */
	void readFrame() throws IOException {
		int b0 = this.in.read();
		if (b0 == -1) {
			throw new EOFException("Connection closed by the peer");
		}
		int b1 = readByte();
		if ((b0 & 0x70) != 0) {
			throw new ProtocolViolationException("RSV bits set but no extension was negotiated");
		}
		if ((b1 & 0x80) != 0) {
			throw new ProtocolViolationException("Masked frame from the server");
		}
		boolean fin = (b0 & 0x80) != 0;
		int opcode = b0 & 0x0F;
		long length = b1 & 0x7F;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
			if (length < 126) {
				throw new ProtocolViolationException("Frame length not in its shortest encoding");
			}
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
			if (length < 0) {
				throw new ProtocolViolationException("Frame length with the most significant bit set");
			}
			if (length <= 0xFFFF) {
				throw new ProtocolViolationException("Frame length not in its shortest encoding");
			}
		}
		switch (opcode) {
			case OPCODE_CONTINUATION, OPCODE_TEXT, OPCODE_BINARY -> readDataFrame(opcode, fin, length);
			case OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG -> readControlFrame(opcode, fin, length);
			default -> throw new ProtocolViolationException("Reserved opcode " + opcode);
		}
	}

	private void readDataFrame(int opcode, boolean fin, long length) throws IOException {
		if (opcode == OPCODE_CONTINUATION) {
			if (this.messageOpcode == NO_MESSAGE) {
				throw new ProtocolViolationException("Continuation frame without a message to continue");
			}
		}
		else if (this.messageOpcode != NO_MESSAGE) {
			throw new ProtocolViolationException("New data frame before the fragmented message was finished");
		}
		else {
			this.messageOpcode = opcode;
		}
		int limit = this.callback.getMessageSizeLimit(this.messageOpcode);
		if (length > limit - this.messageLength) {
			throw new ProtocolViolationException(CloseStatus.TOO_BIG_TO_PROCESS,
					"Message larger than the limit of " + limit + " bytes");
		}
		readPayload((int) length, fin ? this.messageLength + (int) length : limit);
		if (fin) {
			this.callback.onMessage(takeMessage());
		}
	}

	private void readPayload(int length, int maxCapacity) throws IOException {
		int end = this.messageLength + length;
		while (this.messageLength < end) {
			if (this.messageLength == this.message.length) {
				// grow with the data that arrived, never by a declared length that may be a lie
				long doubled = Math.max(this.message.length * 2L, INITIAL_MESSAGE_CAPACITY);
				int capacity = (int) Math.min(doubled, maxCapacity);
				this.message = Arrays.copyOf(this.message, capacity);
			}
			int count = this.in.read(this.message, this.messageLength,
					Math.min(end, this.message.length) - this.messageLength);
			if (count == -1) {
				throw new EOFException("Connection closed by the peer in the middle of a frame");
			}
			this.messageLength += count;
		}
	}

	private WebSocketMessage<?> takeMessage() throws ProtocolViolationException {
		byte[] bytes = (this.message.length != this.messageLength) ? Arrays.copyOf(this.message, this.messageLength)
				: this.message;
		int opcode = this.messageOpcode;
		this.messageOpcode = NO_MESSAGE;
		this.message = EMPTY;
		this.messageLength = 0;
		if (opcode == OPCODE_BINARY) {
			return new BinaryMessage(bytes);
		}
		try {
			return new TextMessage(decode(bytes, 0, bytes.length));
		}
		catch (CharacterCodingException ex) {
			throw new ProtocolViolationException(CloseStatus.BAD_DATA, "Text message is not valid UTF-8");
		}
	}

	private void readControlFrame(int opcode, boolean fin, long length) throws IOException {
		if (!fin) {
			throw new ProtocolViolationException("Fragmented control frame");
		}
		if (length > 125) {
			throw new ProtocolViolationException("Control frame payload longer than 125 bytes");
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("Connection closed by the peer in the middle of a frame");
		}
		switch (opcode) {
			case OPCODE_PING -> this.callback.onPing(payload);
			case OPCODE_PONG -> this.callback.onPong(payload);
			default -> this.callback.onClose(parseClose(payload));
		}
	}

	private static CloseStatus parseClose(byte[] payload) throws ProtocolViolationException {
		if (payload.length == 0) {
			return new CloseStatus(CloseStatus.NO_STATUS_CODE.getCode(), "");
		}
		if (payload.length == 1) {
			throw new ProtocolViolationException("Close frame with a 1-byte payload");
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		if (!isValidCloseCode(code)) {
			throw new ProtocolViolationException("Invalid close code " + code);
		}
		try {
			return new CloseStatus(code, decode(payload, 2, payload.length - 2));
		}
		catch (CharacterCodingException ex) {
			throw new ProtocolViolationException("Close reason is not valid UTF-8");
		}
	}

	private static boolean isValidCloseCode(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	private static String decode(byte[] bytes, int offset, int length) throws CharacterCodingException {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes, offset, length))
			.toString();
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b == -1) {
			throw new EOFException("Connection closed by the peer in the middle of a frame");
		}
		return b;
	}

	/**
	 * Receiver of what the peer sent.
	 */
	interface Callback {

		/**
		 * Return the maximum size of a message with the given opcode.
		 * @param opcode {@link FrameReader#OPCODE_TEXT} or {@link FrameReader#OPCODE_BINARY}
		 * @return the limit in bytes
		 */
		int getMessageSizeLimit(int opcode);

		/**
		 * Handle a whole text or binary message.
		 * @param message the message
		 */
		void onMessage(WebSocketMessage<?> message);

		/**
		 * Handle a Ping frame.
		 * @param payload its payload
		 * @throws IOException if answering failed
		 */
		void onPing(byte[] payload) throws IOException;

		/**
		 * Handle a Pong frame.
		 * @param payload its payload
		 */
		void onPong(byte[] payload);

		/**
		 * Handle the peer's Close frame.
		 * @param status its code (1005 if it had none) and reason
		 */
		void onClose(CloseStatus status);

	}

	/**
	 * Thrown when the peer violated RFC 6455; the connection must be failed with the
	 * exception's close status.
	 */
	static final class ProtocolViolationException extends ProtocolException {

		private final CloseStatus status;

		ProtocolViolationException(String message) {
			this(CloseStatus.PROTOCOL_ERROR, message);
		}

		ProtocolViolationException(CloseStatus status, String message) {
			super(message);
			this.status = status;
		}

		CloseStatus getStatus() {
			return this.status;
		}

	}

}
