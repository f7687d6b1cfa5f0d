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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Joins the partial messages of a transport into whole ones, in a buffer that grows only
 * while a message is arriving and never past the limit. A whole message passes through
 * without a copy.
 *
 * @author wsapi contributors
 */
final class MessageAssembler {

	private final int maxMessageSize;

	private @Nullable StringBuilder text;

	private byte @Nullable [] binary;

	private int binaryLength;

	MessageAssembler(int maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	/**
	 * Add a part.
	 * @param message a text or binary part
	 * @return the whole message (a {@link String} or {@code byte[]}) once its last part
	 * arrived, else {@code null}
	 * @throws MessageTooBigException if the message exceeds the limit
	 */
	@Nullable Object append(WebSocketMessage<?> message) throws MessageTooBigException {
		if (message instanceof TextMessage textMessage) {
			return appendText(textMessage.getPayload(), message.isLast());
		}
		if (message instanceof BinaryMessage binaryMessage) {
			return appendBinary(binaryMessage.getPayload(), message.isLast());
		}
		throw new IllegalArgumentException("Unexpected message type " + message.getClass().getName());
	}

	private @Nullable Object appendText(String part, boolean last) throws MessageTooBigException {
		StringBuilder text = this.text;
		if (text == null && last) {
			checkSize(part.length());
			return part;
		}
		if (text == null) {
			text = new StringBuilder();
			this.text = text;
		}
		// a char is at least one UTF-8 byte, so the char count is a lower bound
		checkSize((long) text.length() + part.length());
		text.append(part);
		if (!last) {
			return null;
		}
		this.text = null;
		return text.toString();
	}

	private byte @Nullable [] appendBinary(ByteBuffer part, boolean last) throws MessageTooBigException {
		byte[] binary = this.binary;
		int length = this.binaryLength + part.remaining();
		checkSize(length);
		if (binary == null && last) {
			byte[] whole = new byte[part.remaining()];
			part.duplicate().get(whole);
			return whole;
		}
		if (binary == null || binary.length < length) {
			int capacity = (binary != null) ? Math.max(length, (int) Math.min(this.maxMessageSize, 2L * binary.length))
					: length;
			binary = (binary != null) ? Arrays.copyOf(binary, capacity) : new byte[capacity];
		}
		part.duplicate().get(binary, this.binaryLength, part.remaining());
		this.binaryLength = length;
		if (!last) {
			this.binary = binary;
			return null;
		}
		this.binary = null;
		this.binaryLength = 0;
		return (binary.length == length) ? binary : Arrays.copyOf(binary, length);
	}

	private void checkSize(long size) throws MessageTooBigException {
		if (size > this.maxMessageSize) {
			this.text = null;
			this.binary = null;
			throw new MessageTooBigException(
					"Message of at least " + size + " bytes exceeds the limit of " + this.maxMessageSize);
		}
	}

	/**
	 * Thrown when a message exceeds the limit.
	 */
	static final class MessageTooBigException extends IOException {

		private static final long serialVersionUID = 1L;

		MessageTooBigException(String message) {
			super(message);
		}

	}

}
