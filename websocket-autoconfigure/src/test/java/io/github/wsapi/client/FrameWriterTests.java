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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameWriter}.
 *
 * @author wsapi contributors
 */
class FrameWriterTests {

	@ParameterizedTest(name = "payload of {0} bytes")
	@ValueSource(ints = { 0, 1, 7, 125, 126, 65535, 65536, 65537, 200_003 })
	void framesAreFinalMaskedAndUseTheShortestLengthEncoding(int length) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		FrameWriter writer = new FrameWriter(out, new SecureRandom());
		byte[] payload = new byte[length];
		new Random(length).nextBytes(payload);
		ByteBuffer buffer = ByteBuffer.allocateDirect(length + 3).put(new byte[3]).put(payload).position(3);
		writer.writeFrame(FrameReader.OPCODE_BINARY, buffer);
		assertThat(buffer.position()).isEqualTo(3);
		ByteBuffer frame = ByteBuffer.wrap(out.toByteArray());
		assertThat(frame.get()).isEqualTo((byte) 0x82);
		int lengthCode = frame.get() & 0xFF;
		assertThat(lengthCode & 0x80).as("mask bit").isEqualTo(0x80);
		long declared = lengthCode & 0x7F;
		if (length <= 125) {
			assertThat(declared).isEqualTo(length);
		}
		else if (length <= 65535) {
			assertThat(declared).isEqualTo(126);
			declared = frame.getShort() & 0xFFFF;
		}
		else {
			assertThat(declared).isEqualTo(127);
			declared = frame.getLong();
		}
		assertThat(declared).isEqualTo(length);
		byte[] mask = new byte[4];
		frame.get(mask);
		byte[] unmasked = new byte[frame.remaining()];
		for (int i = 0; i < unmasked.length; i++) {
			unmasked[i] = (byte) (frame.get() ^ mask[i & 3]);
		}
		assertThat(unmasked).isEqualTo(payload);
	}

	@ParameterizedTest(name = "opcode {0}")
	@ValueSource(ints = { FrameReader.OPCODE_TEXT, FrameReader.OPCODE_CLOSE, FrameReader.OPCODE_PING,
			FrameReader.OPCODE_PONG })
	void opcodeIsWrittenWithFinBit(int opcode) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		new FrameWriter(out, new SecureRandom()).writeFrame(opcode, ByteBuffer.allocate(0));
		assertThat(out.toByteArray()).hasSize(6).startsWith((byte) (0x80 | opcode), (byte) 0x80);
	}

	@Test
	void everyFrameHasAFreshMaskingKey() throws Exception {
		int frames = 64;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		FrameWriter writer = new FrameWriter(out, new SecureRandom());
		for (int i = 0; i < frames; i++) {
			writer.writeFrame(FrameReader.OPCODE_TEXT, ByteBuffer.allocate(0));
		}
		byte[] bytes = out.toByteArray();
		Set<Integer> keys = new HashSet<>();
		for (int i = 0; i < frames; i++) {
			keys.add(ByteBuffer.wrap(bytes, i * 6 + 2, 4).getInt());
		}
		assertThat(keys).hasSize(frames);
	}

}
