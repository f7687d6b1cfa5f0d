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
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Writes unfragmented, masked client frames (RFC 6455 section 5.2 and 5.3). Not
 * thread-safe: the session serializes writes.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class FrameWriter {

	private static final int CHUNK_SIZE = 64 * 1024;

	private static final int MAX_HEADER_LENGTH = 14;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private final OutputStream out;

	private final Random random;

	private final byte[] buffer = new byte[MAX_HEADER_LENGTH + CHUNK_SIZE];

	/**
	 * Create a writer.
	 * @param out the socket's output stream
	 * @param random the source of masking keys, a {@code SecureRandom} seeded once per
	 * connection
	 */
	FrameWriter(OutputStream out, Random random) {
		this.out = out;
		this.random = random;
	}

	/**
	 * Write a frame with the given opcode and the bytes between the payload's position and
	 * limit (the payload's position is not changed), then flush.
	 * @param opcode the opcode
	 * @param payload the payload
	 * @throws IOException if writing failed
	 */
	void writeFrame(int opcode, ByteBuffer payload) throws IOException {
		byte[] buffer = this.buffer;
		int length = payload.remaining();
		int mask = this.random.nextInt();
		buffer[0] = (byte) (0x80 | opcode);
		int offset;
		if (length <= 125) {
			buffer[1] = (byte) (0x80 | length);
			offset = 2;
		}
		else if (length <= 0xFFFF) {
			buffer[1] = (byte) (0x80 | 126);
			buffer[2] = (byte) (length >>> 8);
			buffer[3] = (byte) length;
			offset = 4;
		}
		else {
			buffer[1] = (byte) (0x80 | 127);
			LONGS.set(buffer, 2, (long) length);
			offset = 10;
		}
		buffer[offset++] = (byte) (mask >>> 24);
		buffer[offset++] = (byte) (mask >>> 16);
		buffer[offset++] = (byte) (mask >>> 8);
		buffer[offset++] = (byte) mask;
		int written = 0;
		do {
			// CHUNK_SIZE is a multiple of 4, so every chunk starts at the first mask byte
			int count = Math.min(length - written, CHUNK_SIZE);
			payload.get(payload.position() + written, buffer, offset, count);
			mask(buffer, offset, count, mask);
			this.out.write(buffer, 0, offset + count);
			written += count;
			offset = 0;
		}
		while (written < length);
		this.out.flush();
	}

	private static void mask(byte[] bytes, int from, int length, int mask) {
		long longMask = ((long) mask << 32) | (mask & 0xFFFFFFFFL);
		int end = from + length;
		int i = from;
		for (; i + 8 <= end; i += 8) {
			LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ longMask);
		}
		for (int shift = 24; i < end; i++, shift -= 8) {
			bytes[i] ^= (byte) (mask >>> shift);
		}
	}

}
