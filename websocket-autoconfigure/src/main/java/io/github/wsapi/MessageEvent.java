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

/**
 * The DOM's {@code MessageEvent}, fired for each message a {@link WebSocket} receives.
 * {@link #data()} is a {@link String} for text; for binary, a {@link Blob} when
 * {@code binaryType} was {@code "blob"} at dispatch, a read-only
 * {@link java.nio.ByteBuffer} when it was {@code "arraybuffer"}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class MessageEvent extends Event {

	private final Object data;

	private final String origin;

	/**
	 * Create a message event.
	 * @param type the type, usually {@code "message"}
	 * @param data the data
	 * @param origin the origin of the sender, such as {@code "ws://example.com"}
	 */
	public MessageEvent(String type, Object data, String origin) {
		super(type);
		this.data = data;
		this.origin = origin;
	}

	/**
	 * Return the message data.
	 * @return a {@link String}, {@link Blob} or read-only {@link java.nio.ByteBuffer}
	 */
	public Object data() {
		return this.data;
	}

	/**
	 * Return the origin of the socket's URL, such as {@code "wss://example.com:8443"}.
	 * @return the origin
	 */
	public String origin() {
		return this.origin;
	}

	/**
	 * Return the last event ID, always {@code ""} for WebSocket messages.
	 * @return the empty string
	 */
	public String lastEventId() {
		return "";
	}

}
