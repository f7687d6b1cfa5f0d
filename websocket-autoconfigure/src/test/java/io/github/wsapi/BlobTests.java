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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Blob}.
 *
 * @author wsapi contributors
 */
class BlobTests {

	private static final byte[] ABCDEFGHIJ = "abcdefghij".getBytes(StandardCharsets.US_ASCII);

	@Test
	void blobWithoutPartsIsEmpty() {
		Blob blob = new Blob();
		assertThat(blob.size()).isZero();
		assertThat(blob.bytes()).isEmpty();
	}

	@Test
	void byteArrayConstructorGivesEmptyType() {
		assertThat(new Blob(ABCDEFGHIJ).type()).isEmpty();
	}

	@Test
	void byteArrayPartsAreConcatenated() {
		Blob blob = new Blob(bytes(1, 2), bytes(), bytes(3));
		assertThat(blob.bytes()).containsExactly(1, 2, 3);
	}

	@Test
	void constructorCopiesByteArrays() {
		byte[] part = bytes(1, 2, 3);
		Blob blob = new Blob(part);
		part[0] = 9;
		assertThat(blob.bytes()).containsExactly(1, 2, 3);
	}

	@Test
	void sizeIsTheNumberOfBytes() {
		assertThat(new Blob(bytes(1, 2), bytes(3)).size()).isEqualTo(3);
	}

	@Test
	void byteBufferPartContributesOnlyBytesBetweenPositionAndLimit() {
		ByteBuffer buffer = ByteBuffer.wrap(ABCDEFGHIJ, 2, 3);
		assertThat(new Blob(List.of(buffer), "").text()).isEqualTo("cde");
	}

	@Test
	void byteBufferPartKeepsItsPosition() {
		ByteBuffer buffer = ByteBuffer.wrap(ABCDEFGHIJ, 2, 3);
		new Blob(List.of(buffer), "");
		assertThat(buffer.position()).isEqualTo(2);
		assertThat(buffer.limit()).isEqualTo(5);
	}

	@Test
	void directByteBufferPartIsCopied() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(3).put(bytes(1, 2, 3)).flip();
		Blob blob = new Blob(List.of(buffer), "");
		buffer.put(0, (byte) 9);
		assertThat(blob.bytes()).containsExactly(1, 2, 3);
	}

	@Test
	void stringPartIsEncodedAsUtf8() {
		Blob blob = new Blob(List.of("x\u00E5\u5336\uD801\uDC7E"), "");
		assertThat(blob.bytes()).containsExactly(0x78, 0xC3, 0xA5, 0xE5, 0x8C, 0xB6, 0xF0, 0x90, 0x91, 0xBE);
	}

	@Test
	void loneSurrogateInStringPartBecomesReplacementCharacter() {
		Blob blob = new Blob(List.of("a\uD800b"), "");
		assertThat(blob.bytes()).containsExactly(0x61, 0xEF, 0xBF, 0xBD, 0x62);
	}

	@Test
	void blobPartContributesItsContents() {
		Blob part = new Blob(bytes(1, 2, 3));
		assertThat(new Blob(List.of(part, part), "").bytes()).containsExactly(1, 2, 3, 1, 2, 3);
	}

	@Test
	void slicedBlobPartContributesOnlyTheSlice() {
		Blob part = new Blob(ABCDEFGHIJ).slice(3, 6);
		assertThat(new Blob(List.of(part), "").text()).isEqualTo("def");
	}

	@Test
	void mixedPartsAreConcatenatedInOrder() {
		List<Object> parts = List.of(bytes(0x61), ByteBuffer.wrap(bytes(0x62)), "c", new Blob(bytes(0x64)));
		assertThat(new Blob(parts, "").text()).isEqualTo("abcd");
	}

	@Test
	void unsupportedPartThrowsIllegalArgumentExceptionNamingTheClass() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Blob(List.of(42), ""))
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void nullPartThrowsIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Blob(Arrays.asList("a", null), ""))
			.withMessageContaining("null");
	}

	@Test
	void typeIsLowerCased() {
		assertThat(new Blob(List.of(), "Text/HTML; Charset=UTF-8").type()).isEqualTo("text/html; charset=utf-8");
	}

	@Test
	void typeWithNonAsciiBecomesEmpty() {
		assertThat(new Blob(List.of(), "text/pl\u00E4in").type()).isEmpty();
	}

	@Test
	void typeWithControlCharacterBecomesEmpty() {
		assertThat(new Blob(List.of(), "text/plain\n").type()).isEmpty();
	}

	@Test
	void typeWithDeleteCharacterBecomesEmpty() {
		assertThat(new Blob(List.of(), "text/plain\u007F").type()).isEmpty();
	}

	@Test
	void bytesReturnsACopy() {
		Blob blob = new Blob(bytes(1, 2, 3));
		blob.bytes()[0] = 9;
		assertThat(blob.bytes()).containsExactly(1, 2, 3);
	}

	@Test
	void arrayBufferIsReadOnly() {
		ByteBuffer buffer = new Blob(bytes(1, 2, 3)).arrayBuffer();
		assertThat(buffer.isReadOnly()).isTrue();
		assertThatExceptionOfType(ReadOnlyBufferException.class).isThrownBy(() -> buffer.put(0, (byte) 9));
	}

	@Test
	void arrayBufferOfSliceSpansOnlyTheSliceFromPositionZero() {
		ByteBuffer buffer = new Blob(ABCDEFGHIJ).slice(2, 5).arrayBuffer();
		assertThat(buffer.position()).isZero();
		assertThat(buffer.limit()).isEqualTo(3);
		assertThat(buffer.capacity()).isEqualTo(3);
		assertThat(StandardCharsets.US_ASCII.decode(buffer).toString()).isEqualTo("cde");
	}

	@Test
	void arrayBufferReturnsIndependentBuffers() {
		Blob blob = new Blob(bytes(1, 2, 3));
		blob.arrayBuffer().get();
		assertThat(blob.arrayBuffer().position()).isZero();
	}

	@Test
	void textDecodesUtf8() {
		Blob blob = new Blob(bytes(0x78, 0xC3, 0xA5, 0xF0, 0x90, 0x91, 0xBE));
		assertThat(blob.text()).isEqualTo("x\u00E5\uD801\uDC7E");
	}

	@Test
	void textReplacesMalformedBytesWithReplacementCharacter() {
		assertThat(new Blob(bytes(0x61, 0xFF, 0x62)).text()).isEqualTo("a\uFFFDb");
	}

	@Test
	void textDropsALeadingByteOrderMark() {
		assertThat(new Blob(bytes(0xEF, 0xBB, 0xBF, 0x61)).text()).isEqualTo("a");
	}

	@Test
	void streamReadsTheContents() throws IOException {
		try (InputStream stream = new Blob(bytes(1, 2, 3)).stream()) {
			assertThat(stream.readAllBytes()).containsExactly(1, 2, 3);
		}
	}

	@Test
	void streamOfSliceReadsOnlyTheSlice() throws IOException {
		try (InputStream stream = new Blob(ABCDEFGHIJ).slice(2, 5).stream()) {
			assertThat(stream.readAllBytes()).isEqualTo("cde".getBytes(StandardCharsets.US_ASCII));
		}
	}

	@Test
	void sliceWithoutArgumentsCoversTheWholeBlobWithEmptyType() {
		Blob slice = new Blob(List.of(ABCDEFGHIJ), "text/plain").slice();
		assertThat(slice.text()).isEqualTo("abcdefghij");
		assertThat(slice.type()).isEmpty();
	}

	@Test
	void sliceWithStartRunsToTheEnd() {
		assertThat(new Blob(ABCDEFGHIJ).slice(7).text()).isEqualTo("hij");
	}

	@Test
	void sliceWithStartAndEndExcludesTheEnd() {
		assertThat(new Blob(ABCDEFGHIJ).slice(2, 5).text()).isEqualTo("cde");
	}

	@Test
	void sliceWithNegativeStartCountsFromTheEnd() {
		assertThat(new Blob(ABCDEFGHIJ).slice(-3).text()).isEqualTo("hij");
	}

	@Test
	void sliceWithNegativeEndCountsFromTheEnd() {
		assertThat(new Blob(ABCDEFGHIJ).slice(1, -7).text()).isEqualTo("bc");
	}

	@Test
	void sliceWithNegativeStartBeyondSizeStartsAtZero() {
		assertThat(new Blob(ABCDEFGHIJ).slice(-20, 2).text()).isEqualTo("ab");
	}

	@Test
	void sliceWithNegativeEndBeyondSizeIsEmpty() {
		assertThat(new Blob(ABCDEFGHIJ).slice(0, -20).size()).isZero();
	}

	@Test
	void sliceWithStartBeyondSizeIsEmpty() {
		assertThat(new Blob(ABCDEFGHIJ).slice(20).size()).isZero();
	}

	@Test
	void sliceWithEndBeyondSizeEndsAtSize() {
		assertThat(new Blob(ABCDEFGHIJ).slice(8, Long.MAX_VALUE).text()).isEqualTo("ij");
	}

	@Test
	void sliceWithEndBeforeStartIsEmpty() {
		assertThat(new Blob(ABCDEFGHIJ).slice(5, 2).size()).isZero();
	}

	@Test
	void sliceOfSliceIsRelativeToTheSlice() {
		assertThat(new Blob(ABCDEFGHIJ).slice(2, 8).slice(1, -1).text()).isEqualTo("defg");
	}

	@Test
	void sliceWithoutContentTypeHasEmptyType() {
		assertThat(new Blob(List.of(ABCDEFGHIJ), "text/plain").slice(1, 2).type()).isEmpty();
	}

	@Test
	void sliceContentTypeIsNormalizedLikeType() {
		Blob blob = new Blob(ABCDEFGHIJ);
		assertThat(blob.slice(0, 1, "Text/Plain").type()).isEqualTo("text/plain");
		assertThat(blob.slice(0, 1, "text/\u00E4").type()).isEmpty();
	}

	@Test
	void blobsCompareByIdentity() {
		Blob blob = new Blob(bytes(1, 2, 3));
		assertThat(blob).isEqualTo(blob).isNotEqualTo(new Blob(bytes(1, 2, 3)));
	}

	@Test
	void toStringShowsSizeAndType() {
		assertThat(new Blob(List.of(ABCDEFGHIJ), "text/plain")).hasToString("Blob[size=10, type=text/plain]");
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
