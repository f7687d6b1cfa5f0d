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

package io.github.wsapi.benchmarks;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * A message to echo: {@code size} random bytes, or {@code size} ASCII characters (which
 * are as many UTF-8 bytes).
 *
 * @param text whether the message is text
 * @param size the length in bytes
 * @param bytes the binary payload, when not text
 * @param string the text payload, when text
 * @author wsapi contributors
 */
public record Payload(boolean text, int size, ByteBuffer bytes, String string) {

	private static final long SEED = 6455;

	private static final long KIB = 1024;

	private static final long MIB = 1024 * KIB;

	/**
	 * Create a binary message.
	 * @param size the length in bytes
	 * @return the payload
	 */
	public static Payload binary(int size) {
		byte[] bytes = new byte[size];
		new Random(SEED).nextBytes(bytes);
		return new Payload(false, size, ByteBuffer.wrap(bytes), "");
	}

	/**
	 * Create a text message of ASCII letters and digits.
	 * @param size the length in characters and in bytes
	 * @return the payload
	 */
	public static Payload text(int size) {
		String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		Random random = new Random(SEED);
		StringBuilder text = new StringBuilder(size);
		for (int i = 0; i < size; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return new Payload(true, size, ByteBuffer.allocate(0), text.toString());
	}

	/**
	 * Return the binary payload for one send, positioned at its start.
	 * @return a duplicate of {@link #bytes()}
	 */
	public ByteBuffer binaryPayload() {
		return this.bytes.duplicate();
	}

	/**
	 * Describe the message, such as {@code "binary 16 KiB"}.
	 * @return the label
	 */
	public String label() {
		return (this.text ? "text " : "binary ") + formatSize(this.size);
	}

	static String formatSize(long bytes) {
		if (bytes >= MIB && bytes % MIB == 0) {
			return (bytes / MIB) + " MiB";
		}
		if (bytes >= KIB && bytes % KIB == 0) {
			return (bytes / KIB) + " KiB";
		}
		return bytes + " B";
	}

}
