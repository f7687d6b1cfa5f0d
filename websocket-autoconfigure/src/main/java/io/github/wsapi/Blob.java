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

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The browser's {@code Blob}: immutable bytes with a MIME type. Like in a browser, blobs
 * are compared by identity.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class Blob {

	private final byte[] bytes;

	private final int offset;

	private final int length;

	private final String type;

	/**
	 * Create a blob of the concatenated byte arrays with an empty type. The bytes are
	 * copied.
	 * @param parts the byte arrays
	 */
	public Blob(byte[]... parts) {
		this(List.of(parts), "");
	}

	/**
	 * Create a blob of the concatenated parts. A part can be a {@code byte[]}, a
	 * {@link ByteBuffer} (its bytes between position and limit; the position is left
	 * unchanged), a {@link String} (encoded as UTF-8 with lone surrogates replaced by
	 * U+FFFD) or a {@link Blob}. The bytes are copied.
	 * @param parts the parts
	 * @param type the MIME type, lower-cased, or replaced by {@code ""} if it has a
	 * character outside U+0020 to U+007E
	 * @throws IllegalArgumentException if a part is {@code null} or of another type
	 */
	public Blob(List<? extends @Nullable Object> parts, String type) {
		List<ByteBuffer> buffers = new ArrayList<>(parts.size());
		int length = 0;
		for (Object part : parts) {
			ByteBuffer buffer = toByteBuffer(part);
			length = Math.addExact(length, buffer.remaining());
			buffers.add(buffer);
		}
		this.bytes = new byte[length];
		int position = 0;
		for (ByteBuffer buffer : buffers) {
			int remaining = buffer.remaining();
			buffer.get(this.bytes, position, remaining);
			position += remaining;
		}
		this.offset = 0;
		this.length = length;
		this.type = normalizeType(type);
	}

	/**
	 * Wrap bytes that nobody else will change, without copying them.
	 * @param bytes the contents
	 * @return a blob of type {@code ""}
	 */
	static Blob wrap(byte[] bytes) {
		return new Blob(bytes, 0, bytes.length, "");
	}

	private Blob(byte[] bytes, int offset, int length, String type) {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
		this.type = type;
	}

	private static ByteBuffer toByteBuffer(@Nullable Object part) {
		if (part instanceof byte[] bytes) {
			return ByteBuffer.wrap(bytes);
		}
		if (part instanceof ByteBuffer buffer) {
			// a slice so that reading it leaves the caller's position alone
			return buffer.slice();
		}
		if (part instanceof String string) {
			return ByteBuffer.wrap(Utf8.encode(string));
		}
		if (part instanceof Blob blob) {
			return ByteBuffer.wrap(blob.bytes, blob.offset, blob.length);
		}
		throw new IllegalArgumentException("Blob part must be a byte[], ByteBuffer, String or Blob but was "
				+ ((part != null) ? part.getClass().getName() : "null"));
	}

	private static String normalizeType(String type) {
		for (int i = 0; i < type.length(); i++) {
			char c = type.charAt(i);
			if (c < 0x20 || c > 0x7E) {
				return "";
			}
		}
		return type.toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the size in bytes.
	 * @return the size
	 */
	public long size() {
		return this.length;
	}

	/**
	 * Return the MIME type, lower-cased, or {@code ""} if unknown.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return a copy of the contents.
	 * @return the bytes
	 */
	public byte[] bytes() {
		return Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length);
	}

	/**
	 * Return a read-only view of the contents with position 0 and limit {@link #size()}.
	 * @return the buffer
	 */
	public ByteBuffer arrayBuffer() {
		return ByteBuffer.wrap(this.bytes, this.offset, this.length).slice().asReadOnlyBuffer();
	}

	/**
	 * Return the contents decoded as UTF-8, malformed bytes replaced by U+FFFD.
	 * @return the text
	 */
	public String text() {
		// UTF-8 decode, as the File API does, drops a leading byte order mark
		boolean bom = this.length >= 3 && this.bytes[this.offset] == (byte) 0xEF
				&& this.bytes[this.offset + 1] == (byte) 0xBB && this.bytes[this.offset + 2] == (byte) 0xBF;
		int skip = bom ? 3 : 0;
		return Utf8.decode(this.bytes, this.offset + skip, this.length - skip);
	}

	/**
	 * Return a stream that reads the contents.
	 * @return the stream
	 */
	public InputStream stream() {
		return new ByteArrayInputStream(this.bytes, this.offset, this.length);
	}

	/**
	 * Return a blob of the whole contents with an empty type.
	 * @return the slice
	 */
	public Blob slice() {
		return slice(0, this.length, "");
	}

	/**
	 * Return a blob of the contents from {@code start} with an empty type.
	 * @param start the index of the first byte, counted from the end if negative
	 * @return the slice
	 * @see #slice(long, long, String)
	 */
	public Blob slice(long start) {
		return slice(start, this.length, "");
	}

	/**
	 * Return a blob of the contents from {@code start} up to {@code end} with an empty
	 * type.
	 * @param start the index of the first byte, counted from the end if negative
	 * @param end the index after the last byte, counted from the end if negative
	 * @return the slice
	 * @see #slice(long, long, String)
	 */
	public Blob slice(long start, long end) {
		return slice(start, end, "");
	}

	/**
	 * Return a blob of the contents from {@code start} up to {@code end}. A negative
	 * index counts from the end, indexes are clamped to the size, and the slice is empty
	 * if {@code end} is not after {@code start}.
	 * @param start the index of the first byte, counted from the end if negative
	 * @param end the index after the last byte, counted from the end if negative
	 * @param contentType the type of the slice, normalized like the constructor's
	 * @return the slice
	 */
	public Blob slice(long start, long end, String contentType) {
		int from = clamp(start);
		int to = clamp(end);
		return new Blob(this.bytes, this.offset + from, Math.max(to - from, 0), normalizeType(contentType));
	}

	private int clamp(long index) {
		return (int) ((index < 0) ? Math.max(this.length + index, 0) : Math.min(index, this.length));
	}

	@Override
	public String toString() {
		return "Blob[size=" + this.length + ", type=" + this.type + "]";
	}

}
