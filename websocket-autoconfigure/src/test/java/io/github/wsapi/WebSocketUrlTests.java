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

import java.net.URI;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link WebSocketUrl}.
 *
 * @author wsapi contributors
 */
class WebSocketUrlTests {

	@Test
	void urlWithoutPathGetsSlashAndKeepsItsPort() {
		assertThat(href("ws://example.com:8080")).isEqualTo("ws://example.com:8080/");
	}

	@Test
	void hrefOfParsedHrefIsUnchanged() {
		String href = href("WS://User:Pass@EXAMPLE.com:80/a/../b c?d e");
		assertThat(href("  " + href + "\n")).isEqualTo(href);
	}

	@Test
	void schemeAndHostAreLowerCased() {
		assertThat(href("WS://HOST/")).isEqualTo("ws://host/");
	}

	@Test
	void leadingAndTrailingC0ControlsAndSpacesAreStripped() {
		assertThat(href("\u0000 \u001fws://example.com/x \u0000\f")).isEqualTo("ws://example.com/x");
	}

	@Test
	void tabAndNewlinesAnywhereAreRemoved() {
		assertThat(href("w\ts://exa\nmple.com/pa\r\nth?q\tx")).isEqualTo("ws://example.com/path?qx");
	}

	@Test
	void specialSchemeWithoutSlashesParses() {
		assertThat(href("ws:example.com:8080/echo")).isEqualTo("ws://example.com:8080/echo");
	}

	@Test
	void specialSchemeWithOneSlashParses() {
		assertThat(href("ws:/example.com:8080/echo")).isEqualTo("ws://example.com:8080/echo");
	}

	@Test
	void extraSlashesBeforeHostAreIgnored() {
		assertThat(href("ws:///x")).isEqualTo("ws://x/");
	}

	@Test
	void backslashActsAsSlash() {
		assertThat(href("ws:\\\\example.com\\a\\b?c\\d")).isEqualTo("ws://example.com/a/b?c\\d");
	}

	@Test
	void spaceInHostIsSyntaxError() {
		assertSyntaxError(() -> WebSocketUrl.parse("ws://foo bar.com/"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://a<b/", "ws://a>b/", "ws://a^b/", "ws://a|b/", "ws://a%b/", "ws://a%20b/",
			"ws://a%00b/", "ws://a%2fb/", "ws://a\u007fb/", "ws://a]b/", "ws://ex%23ample.com/" })
	void forbiddenDomainCodePointIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@Test
	void spaceInQueryIsPercentEncoded() {
		assertThat(href("ws://example.com/echo?foo%20bar baz")).isEqualTo("ws://example.com/echo?foo%20bar%20baz");
	}

	@Test
	void spaceInPathIsPercentEncoded() {
		assertThat(href("ws://example.com/a b")).isEqualTo("ws://example.com/a%20b");
	}

	@Test
	void existingPercentSequencesAreKept() {
		assertThat(href("ws://example.com/%7e%zz%?%41%2")).isEqualTo("ws://example.com/%7e%zz%?%41%2");
	}

	@ParameterizedTest
	@CsvSource({ "ws://example.com/?€, ws://example.com/?%E2%82%AC",
			"ws://example.com/?åäö, ws://example.com/?%C3%A5%C3%A4%C3%B6" })
	void nonAsciiInQueryIsUtf8PercentEncoded(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@Test
	void nonAsciiInPathIsUtf8PercentEncoded() {
		assertThat(href("ws://example.com/é/\uD83D\uDE00")).isEqualTo("ws://example.com/%C3%A9/%F0%9F%98%80");
	}

	@Test
	void loneSurrogateIsEncodedAsReplacementCharacter() {
		assertThat(href("ws://example.com/\uD800?\uDC00")).isEqualTo("ws://example.com/%EF%BF%BD?%EF%BF%BD");
	}

	@Test
	void queryUsesSpecialQueryPercentEncodeSet() {
		assertThat(href("ws://example.com/?\"<>'`{}|^\u007f")).isEqualTo("ws://example.com/?%22%3C%3E%27`{}|^%7F");
	}

	@Test
	void pathUsesPathPercentEncodeSet() {
		assertThat(href("ws://example.com/\"<>`{}^|'[]")).isEqualTo("ws://example.com/%22%3C%3E%60%7B%7D%5E|'[]");
	}

	@Test
	void nullInQueryIsPercentEncodedAfterTrailingNullIsStripped() {
		assertThat(href("ws://example.com/?x\u0000y\u0000")).isEqualTo("ws://example.com/?x%00y");
	}

	@Test
	void emptyQueryIsKept() {
		assertThat(href("ws://example.com/?")).isEqualTo("ws://example.com/?");
	}

	@Test
	void pathIsNotLowerCased() {
		assertThat(href("WS://HOST/Path?Q")).isEqualTo("ws://host/Path?Q");
	}

	@Test
	void emptyPathBecomesSlash() {
		assertThat(href("ws://example.com?x")).isEqualTo("ws://example.com/?x");
	}

	@Test
	void dotSegmentsAreResolved() {
		assertThat(href("ws://example.com/a/./b/../c")).isEqualTo("ws://example.com/a/c");
	}

	@Test
	void percentEncodedDotSegmentsAreResolved() {
		assertThat(href("ws://example.com/a/%2e/b/%2E%2e/c/.%2E/d")).isEqualTo("ws://example.com/a/d");
	}

	@Test
	void dotDotSegmentsDoNotGoAboveRoot() {
		assertThat(href("ws://example.com/../../x")).isEqualTo("ws://example.com/x");
	}

	@ParameterizedTest
	@CsvSource({ "ws://example.com/a/b/.., ws://example.com/a/", "ws://example.com/a/., ws://example.com/a/",
			"ws://example.com/a/..?q, ws://example.com/?q" })
	void trailingDotSegmentLeavesTrailingSlash(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "ws://example.com:80/x, ws://example.com/x", "wss://example.com:443/x, wss://example.com/x" })
	void defaultPortIsDropped(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "ws://example.com:443/x, ws://example.com:443/x", "wss://example.com:80/x, wss://example.com:80/x",
			"ws://example.com:65535/, ws://example.com:65535/" })
	void otherPortIsKept(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "http://example.com:80, ws://example.com/", "https://example.com:443, wss://example.com/",
			"http://example.com:443/, ws://example.com:443/" })
	void defaultPortOfHttpSchemeIsDropped(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@Test
	void portWithLeadingZerosIsNormalized() {
		assertThat(href("ws://example.com:000080/")).isEqualTo("ws://example.com/");
	}

	@Test
	void emptyPortIsIgnored() {
		assertThat(href("ws://example.com:/")).isEqualTo("ws://example.com/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://example.com:65536/", "ws://example.com:99999999999999999999/" })
	void portAbove65535IsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://example.com:8o/", "ws://example.com:-1/", "ws://example.com:1:2/",
			"ws://example.com: 1/", "ws://example.com:１/" })
	void nonDigitPortIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@ParameterizedTest
	@CsvSource({ "ws://bücher.example/, ws://xn--bcher-kva.example/",
			"ws://BÜCHER.Example/, ws://xn--bcher-kva.example/", "ws://☃.net/, ws://xn--n3h.net/",
			"ws://ｅｘａｍｐｌｅ。com/, ws://example.com/" })
	void internationalDomainNameIsConvertedToPunycode(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "ws://%65XAMPLE.com/, ws://example.com/", "ws://b%C3%BCcher.example/, ws://xn--bcher-kva.example/" })
	void percentEncodedHostIsDecoded(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://\u00ad/", "ws://%ef%bf%bd/", "ws://%ff/", "ws://ü%20x/" })
	void invalidInternationalDomainNameIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@ParameterizedTest
	@CsvSource({ "ws://0x7f.1/, ws://127.0.0.1/", "ws://2130706433/, ws://127.0.0.1/",
			"ws://0177.0.0.1/, ws://127.0.0.1/", "ws://127.1/, ws://127.0.0.1/",
			"ws://192.168.0.1./, ws://192.168.0.1/", "ws://0X7F.0x.0.0/, ws://127.0.0.0/",
			"ws://1.2.3.4:8080, ws://1.2.3.4:8080/", "ws://%31%32%37.1/, ws://127.0.0.1/" })
	void ipv4AddressIsNormalized(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://256.0.0.1/", "ws://1.2.3.4.5/", "ws://foo.09/", "ws://4294967296/",
			"ws://0x100000000/", "ws://1.2.3.256/", "ws://1.2.65536/", "ws://foo.0x/", "ws://foo.1.2.3.4/" })
	void invalidIpv4AddressIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@Test
	void hostEndingInNonNumberIsDomain() {
		assertThat(href("ws://1.2.3.a.0x1g/")).isEqualTo("ws://1.2.3.a.0x1g/");
	}

	@ParameterizedTest
	@CsvSource({ "ws://[0:0:0:0:0:0:0:1]/, ws://[::1]/", "ws://[2001:DB8::0:1]:8080, ws://[2001:db8::1]:8080/",
			"ws://[::ffff:192.168.0.1]/, ws://[::ffff:c0a8:1]/", "ws://[1:0:0:2:0:0:0:3]/, ws://[1:0:0:2::3]/",
			"ws://[1:0:0:0:0:0:0:0]/, ws://[1::]/", "ws://[::]/, ws://[::]/",
			"ws://[1:2:3:4:5:6:7::]/, ws://[1:2:3:4:5:6:7:0]/", "ws://[0001:0:1:0:1:0:1:0]/, ws://[1:0:1:0:1:0:1:0]/",
			"ws://[::1]:80/, ws://[::1]/" })
	void ipv6AddressIsCompressedAndKeptInBrackets(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://[::1/", "ws://[]/", "ws://[1:2:3:4:5:6:7:8:9]/", "ws://[1::2::3]/",
			"ws://[::1.2.3]/", "ws://[:1]/", "ws://[::1]x/", "ws://[1:2:3:4:5:6:7]/", "ws://[12345::]/",
			"ws://[::1.2.3.04]/", "ws://[::1.2.3.256]/", "ws://[1:2:3:4:5:6:7:1.2.3.4]/", "ws://[1:]/", "ws://[::%31]/",
			"ws://[::1.2.3.4.5]/", "ws://[::.1.2.3]/" })
	void invalidIpv6AddressIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@Test
	void userInfoIsKeptInSerialization() {
		WebSocketUrl url = WebSocketUrl.parse("ws://foo:bar@example.com/");
		assertThat(url.href()).isEqualTo("ws://foo:bar@example.com/");
		assertThat(url.userInfo()).isEqualTo("foo:bar");
	}

	@Test
	void userInfoIsPercentEncodedWithUserinfoSet() {
		assertThat(href("ws://a b:c@d:e;[|]@example.com/")).isEqualTo("ws://a%20b:c%40d%3Ae%3B%5B%7C%5D@example.com/");
	}

	@ParameterizedTest
	@CsvSource({ "ws://@example.com/, ws://example.com/", "ws://:@example.com/, ws://example.com/",
			"ws://user:@example.com/, ws://user@example.com/", "ws://:pass@example.com/, ws://:pass@example.com/" })
	void emptyUserInfoPartsAreDropped(String url, String expected) {
		assertThat(href(url)).isEqualTo(expected);
	}

	@Test
	void userInfoIsNullWithoutCredentials() {
		assertThat(WebSocketUrl.parse("ws://@example.com/").userInfo()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://:80/", "ws:///", "ws://", "ws:", "ws://?x", "ws://user@/x", "ws://user@:80/" })
	void emptyHostIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@Test
	void httpSchemeBecomesWs() {
		WebSocketUrl url = WebSocketUrl.parse("http://example.com/");
		assertThat(url.href()).isEqualTo("ws://example.com/");
		assertThat(url.secure()).isFalse();
	}

	@Test
	void httpsSchemeBecomesWss() {
		WebSocketUrl url = WebSocketUrl.parse("https://example.com/");
		assertThat(url.href()).isEqualTo("wss://example.com/");
		assertThat(url.secure()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "WsS://example.com/, wss", "HTTP://example.com/, ws", "hTTpS://example.com/, wss" })
	void schemeMatchingIsCaseInsensitive(String url, String scheme) {
		assertThat(WebSocketUrl.parse(url).scheme()).isEqualTo(scheme);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/", "mailto:user@example.com", "about:blank", "file:///tmp/x",
			"javascript:alert(1)", "data:text/plain,x", "blob:ws://example.com/x", "wsx://example.com/",
			"w s://example.com/", "alice:secret@example.com" })
	void otherSchemeIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@ParameterizedTest
	@ValueSource(strings = { "test", "?", "/path", "#x", "", "  ", "//example.com/", ":ws://example.com/",
			"1ws://example.com/", "\u0000" })
	void relativeUrlIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://example.com/#test", "ws://example.com/?x#y", "ws://example.com#x",
			"ws://user#x@example.com/" })
	void fragmentIsSyntaxError(String url) {
		assertSyntaxError(() -> WebSocketUrl.parse(url));
	}

	@Test
	void emptyFragmentIsSyntaxError() {
		assertSyntaxError(() -> WebSocketUrl.parse("ws://example.com/#"));
	}

	@Test
	void syntaxErrorHasNameSyntaxErrorAndCode12() {
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> WebSocketUrl.parse("ws://example.com/#"))
			.satisfies((ex) -> {
				assertThat(ex.name()).isEqualTo("SyntaxError");
				assertThat(ex.code()).isEqualTo(12);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ws://alice:s3cret@example.com/#x", "ftp://alice:s3cret@example.com/",
			"alice:s3cret@example.com", "ws://alice:s3cret@exa mple.com/", "ws://alice:s3cret@example.com:x/" })
	void syntaxErrorMessageDoesNotEchoUserInfo(String url) {
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> WebSocketUrl.parse(url))
			.withMessageNotContaining("alice")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void hostIsLowerCaseAscii() {
		assertThat(WebSocketUrl.parse("ws://BÜCHER.Example/").host()).isEqualTo("xn--bcher-kva.example");
	}

	@Test
	void ipv6HostIsInBrackets() {
		assertThat(WebSocketUrl.parse("ws://[::1]:8080/").host()).isEqualTo("[::1]");
	}

	@Test
	void portIsExplicitPort() {
		assertThat(WebSocketUrl.parse("wss://example.com:8443/").port()).isEqualTo(8443);
	}

	@Test
	void portDefaultsTo80ForWs() {
		assertThat(WebSocketUrl.parse("ws://example.com/").port()).isEqualTo(80);
	}

	@Test
	void portDefaultsTo443ForWss() {
		assertThat(WebSocketUrl.parse("wss://example.com:443/").port()).isEqualTo(443);
	}

	@ParameterizedTest
	@CsvSource({ "ws://example.com/chat?x=1, /chat?x=1", "ws://example.com, /", "ws://example.com/?, /?",
			"ws://u:p@example.com:81/a/b, /a/b" })
	void resourceNameIsPathAndQuery(String url, String resourceName) {
		assertThat(WebSocketUrl.parse(url).resourceName()).isEqualTo(resourceName);
	}

	@ParameterizedTest
	@CsvSource({ "ws://user:pass@example.com:8080/chat?x=1, ws://example.com:8080",
			"wss://example.com:443/x, wss://example.com", "http://[::1]:81/, ws://[::1]:81" })
	void originIsSchemeHostAndNonDefaultPort(String url, String origin) {
		assertThat(WebSocketUrl.parse(url).origin()).isEqualTo(origin);
	}

	@Test
	void requestUriHasNoUserInfo() {
		URI uri = WebSocketUrl.parse("ws://user:pass@example.com:8080/chat?x=1").requestUri();
		assertThat(uri).hasToString("ws://example.com:8080/chat?x=1");
		assertThat(uri.getHost()).isEqualTo("example.com");
		assertThat(uri.getPort()).isEqualTo(8080);
		assertThat(uri.getRawUserInfo()).isNull();
	}

	@Test
	void requestUriKeepsPercentEncoding() {
		URI uri = WebSocketUrl.parse("wss://example.com/a b/%2F?q=%26 €").requestUri();
		assertThat(uri.getRawPath()).isEqualTo("/a%20b/%2F");
		assertThat(uri.getRawQuery()).isEqualTo("q=%26%20%E2%82%AC");
	}

	@Test
	void requestUriEscapesWhatJavaNetUriRejects() {
		URI uri = WebSocketUrl.parse("ws://example.com/a|b[c]%?d|e^`{}\\[]%").requestUri();
		assertThat(uri.getRawPath()).isEqualTo("/a%7Cb%5Bc%5D%25");
		assertThat(uri.getRawQuery()).isEqualTo("d%7Ce%5E%60%7B%7D%5C[]%25");
	}

	@Test
	void requestUriKeepsIpv6Host() {
		URI uri = WebSocketUrl.parse("ws://[::1]:8080/").requestUri();
		assertThat(uri.getHost()).isEqualTo("[::1]");
		assertThat(uri.getPort()).isEqualTo(8080);
	}

	@ParameterizedTest
	@ValueSource(strings = { "wss://!\"$&'()*+,-.;=_`{}~/", "ws://my_host:8080/", "ws://-x-.example./",
			"ws://example.com/%zz?%", "ws://a..b/", "ws://xn--bcher-kva.example/~user/(x)/@/:/;/=/$/,/+/&/*/!",
			"ws://[1:2:3:4:5:6:7:8]/?[]", "ws://%22%7b%7d%60/" })
	void requestUriDoesNotThrowForAcceptedUrl(String url) {
		assertThatNoException().isThrownBy(() -> WebSocketUrl.parse(url).requestUri());
	}

	@Test
	void redactedHasNoUserInfoAndNoQuery() {
		String redacted = WebSocketUrl.parse("ws://alice:s3cret@example.com:8080/chat?token=t0ken").redacted();
		assertThat(redacted).isEqualTo("ws://example.com:8080/chat");
	}

	@Test
	void toStringIsRedacted() {
		assertThat(WebSocketUrl.parse("wss://alice:s3cret@example.com/chat?token=t0ken"))
			.hasToString("wss://example.com/chat");
	}

	@Test
	void urlsWithSameHrefAreEqual() {
		WebSocketUrl url = WebSocketUrl.parse("WS://Example.COM:80");
		WebSocketUrl other = WebSocketUrl.parse("http://example.com/");
		assertThat(url).isEqualTo(other).hasSameHashCodeAs(other);
	}

	@Test
	void urlsWithDifferentHrefAreNotEqual() {
		assertThat(WebSocketUrl.parse("ws://example.com/")).isNotEqualTo(WebSocketUrl.parse("wss://example.com/"));
	}

	private static String href(String url) {
		return WebSocketUrl.parse(url).href();
	}

	private static void assertSyntaxError(ThrowingCallable callable) {
		assertThatExceptionOfType(DOMException.class).isThrownBy(callable).satisfies((ex) -> {
			assertThat(ex.name()).isEqualTo("SyntaxError");
			assertThat(ex.code()).isEqualTo(DOMException.SYNTAX_ERR);
		});
	}

}
