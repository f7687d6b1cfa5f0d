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
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Joins the parts of a message, for the clients that deliver parts: the JDK's, and
 * Tomcat's when its handler accepts partial messages. Not thread-safe; each connection
 * delivers its parts one at a time.
 *
 * @author wsapi contributors
 */
final class Reassembly {

	private final StringBuilder text = new StringBuilder();

	private byte[] binary = new byte[0];

	private int binaryLength;

	/**
	 * Add a part of a text message.
	 * @param part the part
	 * @param last whether it ends the message
	 * @return the whole message after its last part, else {@code null}
	 */
	@Nullable String text(CharSequence part, boolean last) {
		if (last && this.text.isEmpty()) {
			return part.toString();
		}
		this.text.append(part);
		if (!last) {
			return null;
		}
		String whole = this.text.toString();
		this.text.setLength(0);
		return whole;
	}

	/**
	 * Add a part of a binary message; the part is read, not kept.
	 * @param part the part
	 * @param last whether it ends the message
	 * @return the whole message after its last part, else {@code null}
	 */
	byte @Nullable [] binary(ByteBuffer part, boolean last) {
		int length = this.binaryLength + part.remaining();
		if (last && this.binaryLength == 0) {
			byte[] whole = new byte[length];
			part.get(whole);
			return whole;
		}
		if (this.binary.length < length) {
			this.binary = Arrays.copyOf(this.binary, Math.max(length, 2 * this.binary.length));
		}
		part.get(this.binary, this.binaryLength, part.remaining());
		this.binaryLength = length;
		if (!last) {
			return null;
		}
		this.binaryLength = 0;
		return Arrays.copyOf(this.binary, length);
	}

}
