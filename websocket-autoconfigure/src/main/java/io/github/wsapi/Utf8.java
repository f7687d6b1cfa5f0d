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

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as browsers apply it: strings are converted to USVStrings before encoding and
 * malformed bytes decode to U+FFFD.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class Utf8 {

	private static final char REPLACEMENT_CHARACTER = '\uFFFD';

	private Utf8() {
	}

	/**
	 * Return the given string with every lone surrogate replaced by U+FFFD.
	 * @param s the string
	 * @return {@code s} itself when it has no lone surrogates, otherwise a new string
	 */
	static String toUsvString(String s) {
		int length = s.length();
		for (int i = 0; i < length; i++) {
			if (Character.isSurrogate(s.charAt(i))) {
				if (!isSurrogatePairAt(s, i)) {
					return replaceLoneSurrogates(s, i);
				}
				i++;
			}
		}
		return s;
	}

	private static String replaceLoneSurrogates(String s, int firstLoneSurrogate) {
		StringBuilder usv = new StringBuilder(s);
		for (int i = firstLoneSurrogate; i < usv.length(); i++) {
			if (isSurrogatePairAt(usv, i)) {
				i++;
			}
			else if (Character.isSurrogate(usv.charAt(i))) {
				usv.setCharAt(i, REPLACEMENT_CHARACTER);
			}
		}
		return usv.toString();
	}

	private static boolean isSurrogatePairAt(CharSequence s, int index) {
		return Character.isHighSurrogate(s.charAt(index)) && index + 1 < s.length()
				&& Character.isLowSurrogate(s.charAt(index + 1));
	}

	/**
	 * Encode the USVString of the given string as UTF-8.
	 * @param s the string
	 * @return the UTF-8 bytes
	 */
	static byte[] encode(String s) {
		return toUsvString(s).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the length of {@link #encode(String)} without encoding.
	 * @param s the string
	 * @return the number of UTF-8 bytes
	 */
	static int encodedLength(String s) {
		int length = s.length();
		// a string of 3-byte characters can be longer than the largest array
		long encodedLength = 0;
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (c < 0x80) {
				encodedLength += 1;
			}
			else if (c < 0x800) {
				encodedLength += 2;
			}
			else if (isSurrogatePairAt(s, i)) {
				encodedLength += 4;
				i++;
			}
			else {
				// lone surrogates count as U+FFFD, which is 3 bytes like the rest
				encodedLength += 3;
			}
		}
		return Math.toIntExact(encodedLength);
	}

	/**
	 * Decode UTF-8 bytes, replacing each maximal malformed subsequence with U+FFFD.
	 * A byte order mark is kept.
	 * @param bytes the bytes
	 * @param offset the index of the first byte to decode
	 * @param length the number of bytes to decode
	 * @return the decoded string
	 */
	static String decode(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int surrogateLead = indexOfEncodedSurrogate(bytes, offset, end);
		if (surrogateLead == -1) {
			return new String(bytes, offset, length, StandardCharsets.UTF_8);
		}
		// Java replaces an encoded surrogate (ED A0..BF xx) with one U+FFFD, browsers
		// replace each byte: decode up to the ED byte and restart after it
		StringBuilder decoded = new StringBuilder(length);
		int start = offset;
		while (surrogateLead != -1) {
			decoded.append(new String(bytes, start, surrogateLead - start, StandardCharsets.UTF_8));
			decoded.append(REPLACEMENT_CHARACTER);
			start = surrogateLead + 1;
			surrogateLead = indexOfEncodedSurrogate(bytes, start, end);
		}
		return decoded.append(new String(bytes, start, end - start, StandardCharsets.UTF_8)).toString();
	}

	private static int indexOfEncodedSurrogate(byte[] bytes, int start, int end) {
		for (int i = start; i < end - 1; i++) {
			if (bytes[i] == (byte) 0xED && (bytes[i + 1] & 0xE0) == 0xA0) {
				return i;
			}
		}
		return -1;
	}

}
