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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Utf8}.
 *
 * @author wsapi contributors
 */
class Utf8Tests {

	private static final int MULTI_MEGABYTE = 8 * 1024 * 1024;

	static Stream<Arguments> encodedLengths() {
		return Stream.of(Arguments.of("", 0), Arguments.of("x", 1), Arguments.of("\u00E5", 2),
				Arguments.of("\u5336", 3), Arguments.of("\uD801\uDC7E", 4), Arguments.of("\u00A5".repeat(6), 12),
				Arguments.of("\uD800", 3), Arguments.of("\uDC00", 3), Arguments.of("\uDC00\uD800", 6),
				Arguments.of("a\uD800b", 5));
	}

	@ParameterizedTest
	@MethodSource("encodedLengths")
	void encodedLengthCountsUtf8BytesOfUsvString(String s, int expected) {
		assertThat(Utf8.encodedLength(s)).isEqualTo(expected);
	}

	@ParameterizedTest
	@MethodSource("encodedLengths")
	void encodedLengthMatchesLengthOfEncode(String s, int expected) {
		assertThat(Utf8.encode(s)).hasSize(expected);
	}

	@Test
	void toUsvStringReplacesEachLoneSurrogateWithReplacementCharacter() {
		assertThat(Utf8.toUsvString("a\uDC00xb\uD800xc\uDC00\uD800x")).isEqualTo("a\uFFFDxb\uFFFDxc\uFFFD\uFFFDx");
	}

	@Test
	void toUsvStringReplacesLoneHighSurrogateAtTheEnd() {
		assertThat(Utf8.toUsvString("ab\uD800")).isEqualTo("ab\uFFFD");
	}

	@Test
	void toUsvStringKeepsSurrogatePairsAfterALoneSurrogate() {
		assertThat(Utf8.toUsvString("\uD800\uD801\uDC7E")).isEqualTo("\uFFFD\uD801\uDC7E");
	}

	@Test
	void toUsvStringReturnsSameInstanceWithoutSurrogates() {
		String s = "plain \u00E5\u5336";
		assertThat(Utf8.toUsvString(s)).isSameAs(s);
	}

	@Test
	void toUsvStringReturnsSameInstanceWithOnlySurrogatePairs() {
		String s = "pair \uD801\uDC7E and \uD83D\uDE00";
		assertThat(Utf8.toUsvString(s)).isSameAs(s);
	}

	@Test
	void encodeLoneSurrogateGivesReplacementCharacterBytes() {
		assertThat(Utf8.encode("\uD800")).containsExactly(0xEF, 0xBF, 0xBD);
	}

	@Test
	void encodeSurrogatePairGivesOneFourByteSequence() {
		assertThat(Utf8.encode("\uD801\uDC7E")).containsExactly(0xF0, 0x90, 0x91, 0xBE);
	}

	@Test
	void encodeWithoutSurrogatesMatchesJava() {
		String s = "x\u00E5\u5336";
		assertThat(Utf8.encode(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void decodeDecodesValidUtf8() {
		byte[] bytes = "x\u00E5\u5336\uD801\uDC7E".getBytes(StandardCharsets.UTF_8);
		assertThat(Utf8.decode(bytes, 0, bytes.length)).isEqualTo("x\u00E5\u5336\uD801\uDC7E");
	}

	@Test
	void decodeDecodesOnlyTheGivenRange() {
		byte[] bytes = "abcde".getBytes(StandardCharsets.UTF_8);
		assertThat(Utf8.decode(bytes, 1, 3)).isEqualTo("bcd");
	}

	@Test
	void decodeKeepsByteOrderMark() {
		assertThat(Utf8.decode(bytes(0xEF, 0xBB, 0xBF, 0x41), 0, 4)).isEqualTo("\uFEFFA");
	}

	static Stream<Arguments> malformed() {
		return Stream.of(Arguments.of(bytes(0x80), "\uFFFD"), Arguments.of(bytes(0xFF, 0x41), "\uFFFDA"),
				Arguments.of(bytes(0xC0, 0x80), "\uFFFD\uFFFD"), Arguments.of(bytes(0xE2, 0x82, 0x41), "\uFFFDA"),
				Arguments.of(bytes(0xE0, 0x80, 0x80), "\uFFFD\uFFFD\uFFFD"),
				Arguments.of(bytes(0xF0, 0x9F, 0x98), "\uFFFD"),
				Arguments.of(bytes(0xF4, 0x90, 0x80, 0x80), "\uFFFD\uFFFD\uFFFD\uFFFD"),
				Arguments.of(bytes(0xED, 0xA0, 0x80), "\uFFFD\uFFFD\uFFFD"),
				Arguments.of(bytes(0xED, 0xBF), "\uFFFD\uFFFD"),
				Arguments.of(bytes(0x41, 0xED, 0xA0, 0x80, 0xED, 0x9F, 0xBF, 0xE2, 0x82, 0xED, 0xB0, 0x80, 0x42),
						"A\uFFFD\uFFFD\uFFFD\uD7FF\uFFFD\uFFFD\uFFFD\uFFFDB"));
	}

	@ParameterizedTest
	@MethodSource("malformed")
	void decodeReplacesEachMaximalMalformedSubsequenceWithReplacementCharacter(byte[] bytes, String expected) {
		assertThat(Utf8.decode(bytes, 0, bytes.length)).isEqualTo(expected);
	}

	@Test
	@Timeout(10)
	void encodedLengthOfMultiMegabyteString() {
		String s = "a\u00E5\u5336\uD801\uDC7E\uD800".repeat(MULTI_MEGABYTE / 6);
		assertThat(Utf8.encodedLength(s)).isEqualTo(13 * (MULTI_MEGABYTE / 6));
	}

	@Test
	@Timeout(10)
	void toUsvStringOfMultiMegabyteStringWithoutLoneSurrogatesReturnsSameInstance() {
		String s = "a\u00E5\u5336\uD801\uDC7E".repeat(MULTI_MEGABYTE / 5);
		assertThat(Utf8.toUsvString(s)).isSameAs(s);
	}

	@Test
	@Timeout(10)
	void encodeOfMultiMegabyteStringWithLoneSurrogatesRoundTripsToUsvString() {
		String s = "a\u00E5\uDC00\u5336\uD801\uDC7E\uD800".repeat(MULTI_MEGABYTE / 7);
		byte[] encoded = Utf8.encode(s);
		assertThat(encoded).hasSize(Utf8.encodedLength(s));
		assertThat(Utf8.decode(encoded, 0, encoded.length))
			.isEqualTo("a\u00E5\uFFFD\u5336\uD801\uDC7E\uFFFD".repeat(MULTI_MEGABYTE / 7));
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
