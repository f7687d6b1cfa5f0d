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

package io.github.wsapi.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.github.wsapi.conformance.Scenario.addListener;
import static io.github.wsapi.conformance.Scenario.addListenerOnce;
import static io.github.wsapi.conformance.Scenario.arrayBuffer;
import static io.github.wsapi.conformance.Scenario.binaryType;
import static io.github.wsapi.conformance.Scenario.blob;
import static io.github.wsapi.conformance.Scenario.close;
import static io.github.wsapi.conformance.Scenario.construct;
import static io.github.wsapi.conformance.Scenario.dispatch;
import static io.github.wsapi.conformance.Scenario.handler;
import static io.github.wsapi.conformance.Scenario.on;
import static io.github.wsapi.conformance.Scenario.probe;
import static io.github.wsapi.conformance.Scenario.read;
import static io.github.wsapi.conformance.Scenario.removeListener;
import static io.github.wsapi.conformance.Scenario.scenario;
import static io.github.wsapi.conformance.Scenario.send;
import static io.github.wsapi.conformance.Scenario.text;
import static io.github.wsapi.conformance.Scenario.view;
import static io.github.wsapi.testserver.RawConnection.BINARY;
import static io.github.wsapi.testserver.RawConnection.CLOSE;
import static io.github.wsapi.testserver.RawConnection.CONTINUATION;
import static io.github.wsapi.testserver.RawConnection.PING;
import static io.github.wsapi.testserver.RawConnection.TEXT;
import static io.github.wsapi.testserver.RawConnection.binaryFrame;
import static io.github.wsapi.testserver.RawConnection.closeFrame;
import static io.github.wsapi.testserver.RawConnection.frame;
import static io.github.wsapi.testserver.RawConnection.textFrame;

/**
 * The scenarios, grouped by the sections of {@code websocket-rules.md}. Every one must
 * give the same transcript in Chromium and in Java, unless it is listed in
 * {@link BrowserConformanceTests#KNOWN_DIFFERENCES}.
 *
 * @author wsapi contributors
 */
final class Scenarios {

	private static final int MEBIBYTE = 1 << 20;

	private Scenarios() {
	}

	static List<Scenario> all() {
		return Stream
			.of(constructor(), protocols(), handshake(), readyState(), sending(), bufferedAmount(), closing(),
					closeCode(), unusualCloseCodes(), receive(), binaryTypes(), events())
			.flatMap(List::stream)
			.toList();
	}

	// 1.2 and 1.9: new WebSocket(url), the url attribute
	private static List<Scenario> constructor() {
		return List.of(
				scenario("constructor: attributes right after construction", construct("ws://{spring}/echo"),
						read("readyState"), read("bufferedAmount"), read("protocol"), read("extensions"),
						read("binaryType"), read("url"), close(), read("readyState"), on("close", read("readyState"))),
				scenario("url: WHATWG parsing and serialization", probe("ws://{spring}"), probe("WS://{spring}/Echo"),
						probe("ws://LOCALHOST:{port}/"), probe(" \t ws://{spring}/echo \n"),
						probe("ws://{spring}/e\tch\no"), probe("ws:{spring}/echo"), probe("ws:/{spring}/echo"),
						probe("ws:\\\\{spring}\\echo"), probe("ws://{spring}/a/../b/./c"),
						probe("ws://{spring}/echo?foo%20bar baz"),
						probe("ws://{spring}/echo?\u20ac\u00e5\u00e4\u00f6"),
						probe("ws://{spring}/echo?x\u0000y\u0000"), probe("ws://{spring}/echo?"),
						probe("ws://127.0.0.1:80/x"), probe("wss://127.0.0.1:443/x"), probe("ws://127.0.0.1:443/x"),
						probe("ws://b\u00fccher.example/"), probe("ws://foo:bar@{spring}/echo"),
						probe("ws://[0:0::1]:{port}/"), probe("ws://0x7f.1:{port}/"), probe("ws://2130706433:{port}/")),
				scenario("url: http and https map to ws and wss", probe("http://{spring}/echo"),
						probe("HTTPS://127.0.0.1:{port}/x"), probe("https://127.0.0.1:443/"),
						probe("http://127.0.0.1:80/"), construct("http://{spring}/echo"), read("url"),
						on("open", read("url"), close(1000))),
				scenario("url: invalid URLs, other schemes and fragments throw SyntaxError",
						probe("ws://{spring}/echo#"), probe("ws://{spring}/echo#test"), probe("#test"),
						probe("ftp://{spring}/"), probe("mailto:nobody@example.com"), probe("about:blank"),
						probe("data:text/plain,x"), probe("file:///tmp/x"), probe("ws://"), probe("ws://:{port}/"),
						probe("ws://[::1/"), probe("ws://127.0.0.1:99999/"), probe("ws://a<b/")),
				scenario("url: userinfo, percent-encoding, dot segments and hosts", probe("ws://user@{spring}/"),
						probe("ws://:pass@{spring}/"), probe("ws://@{spring}/"), probe("ws://{spring}/a b/\u00e9"),
						probe("ws://{spring}/p\"<>`{}^"), probe("ws://{spring}/?q\"<>`{}|^'"),
						probe("ws://{spring}/%7e%41"), probe("ws://{spring}/./../x"), probe("ws://{spring}/%2e%2E/x"),
						probe("ws://{spring}/a/%2e"), probe("ws://EXAMPLE.com./"), probe("ws://ex%41mple.com/"),
						probe("ws://127.1:{port}/"), probe("ws://[::ffff:127.0.0.1]:{port}/")),
				scenario("url: invalid hosts throw SyntaxError", probe("ws://1.2.3.4.5/"), probe("ws://256.0.0.1/"),
						probe("ws://0x100000000/"), probe("ws://exa%mple.com/"), probe("ws://[1::2::3]/"),
						probe("ws://a\u0000b/")),
				scenario("url: a space in the host", probe("ws://foo bar.com/")),
				scenario("url: a vertical bar in the path", probe("ws://{spring}/a|b")),
				scenario("url: relative URLs resolve against the page", probe("test"), probe("?"), probe("null"),
						probe("123"), probe("/echo")));
	}

	// 1.2 (C5, C6), 1.9 (A2, A3): subprotocols, the protocol and extensions attributes
	private static List<Scenario> protocols() {
		String url = "ws://{spring}/echo";
		return List.of(
				scenario("protocols: invalid or repeated subprotocols throw SyntaxError", probe(url, ""),
						probe(url, "\u0000"), probe(url, "\t"), probe(url, "\u001f"), probe(url, "\u007f"),
						probe(url, "\u0080echo"), probe(url, "\u00e9"), probe(url, "ec ho"), probe(url, "/echo"),
						probe(url, "foobar, foobar"), probe(url, "(x)"), probe(url, "a=b"), probe(url, "echo", "echo"),
						probe(url, "chat", "echo", "chat")),
				scenario("protocols: valid tokens, and duplicates that differ in case, are accepted",
						probe(url, "echo", "eCho"), probe(url, "!#$%&'*+-.^_`|~"), probe(url, "chat", "echo")),
				scenario("protocol: the first offered that the server supports, set at open",
						construct(url, "foobar", "foobar2"), read("protocol"), on("open", read("protocol"), close(1000))),
				scenario("protocol: an offered protocol the server does not support is skipped",
						construct(url, "x-unknown", "chat"), on("open", read("protocol"), close(1000))),
				scenario("extensions: empty when the server accepts none", Peers.echo(), construct("ws://{raw}/"),
						read("extensions"), on("open", read("extensions"), read("protocol"), close(1000))),
				scenario("extensions: what the server accepted, set at open", construct(url), read("extensions"),
						on("open", read("extensions"), close(1000))));
	}

	// 1.3: the opening handshake and failing the connection
	private static List<Scenario> handshake() {
		String url = "ws://{raw}/";
		return List.of(
				scenario("handshake: 404 fails the connection, close() and send() in onerror do nothing",
						Peers.answer("HTTP/1.1 404 Not Found", "Content-Length: 0"), construct(url),
						on("error", read("readyState"), read("protocol"), close(1000), send("x"),
								read("bufferedAmount"))),
				scenario("handshake: redirects are not followed", Peers.redirectToEcho(), construct("ws://{raw}/redirect"),
						on("open", close(1000))),
				scenario("handshake: a response that is not HTTP fails the connection", Peers.answerNotHttp(),
						construct(url)),
				scenario("handshake: a wrong Sec-WebSocket-Accept fails the connection",
						Peers.answer("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
								"Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ=="),
						construct(url)),
				scenario("handshake: an Upgrade other than websocket fails the connection",
						Peers.answer("HTTP/1.1 101 Switching Protocols", "Upgrade: h2c", "Connection: Upgrade",
								"Sec-WebSocket-Accept: {accept}"),
						construct(url)),
				scenario("handshake: Upgrade and Connection are case-insensitive, the reason phrase is free text",
						Peers.answer("HTTP/1.1 101 Web Socket Protocol Handshake", "Upgrade: WebSocket",
								"Connection: upgrade", "Sec-WebSocket-Accept: {accept}"),
						construct(url), on("open", close(1000))),
				scenario("handshake: a status line without a reason phrase",
						Peers.answer("HTTP/1.1 101", "Upgrade: websocket", "Connection: Upgrade",
								"Sec-WebSocket-Accept: {accept}"),
						construct(url), on("open", close(1000))),
				scenario("handshake: an HTTP/1.0 status line",
						Peers.answer("HTTP/1.0 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
								"Sec-WebSocket-Accept: {accept}"),
						construct(url), on("open", close(1000))),
				scenario("handshake: Connection may list upgrade among other tokens",
						Peers.answer("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket",
								"Connection: keep-alive, Upgrade", "Sec-WebSocket-Accept: {accept}"),
						construct(url), on("open", close(1000))),
				scenario("handshake: header names are case-insensitive",
						Peers.answer("HTTP/1.1 101 Switching Protocols", "upgrade: websocket", "CONNECTION: Upgrade",
								"sec-websocket-accept: {accept}"),
						construct(url), on("open", close(1000))),
				scenario("handshake: an empty Sec-WebSocket-Protocol in the answer to an offer fails the connection",
						Peers.acceptWith("Sec-WebSocket-Protocol: "), construct(url, "chat")),
				scenario("handshake: a subprotocol that was not offered fails the connection",
						Peers.acceptWith("Sec-WebSocket-Protocol: chat"), construct(url)),
				scenario("handshake: no subprotocol in the answer to an offer fails the connection", Peers.echo(),
						construct(url, "chat")),
				scenario("handshake: subprotocols match case-sensitively",
						Peers.acceptWith("Sec-WebSocket-Protocol: foobar"), construct(url, "FOOBAR")),
				scenario("handshake: an extension that was not offered fails the connection",
						Peers.acceptWith("Sec-WebSocket-Extensions: x-unknown"), construct(url)),
				scenario("handshake: the server closes TCP before answering", Peers.closeTcpBeforeAnswer(),
						construct(url)),
				scenario("handshake: a refused connection fails without throwing", construct("ws://{refused}/"),
						read("readyState"), on("close", read("bufferedAmount"))),
				scenario("handshake: 101 and Close 1001 in one write", Peers.acceptAndCloseInOneWrite(), construct(url),
						on("open", read("readyState"), read("protocol"))));
	}

	// 1.4: readyState transitions
	private static List<Scenario> readyState() {
		return List.of(
				scenario("readyState: CONNECTING, OPEN in onopen, CLOSING after close(), CLOSED in onclose",
						construct("ws://{spring}/echo"), read("readyState"),
						on("open", read("readyState"), close(1000), read("readyState")),
						on("close", read("readyState"))),
				scenario("readyState: close() while CONNECTING fails the connection", Peers.silent(),
						construct("ws://{raw}/"), close(3000, "ignored"), read("readyState"), read("bufferedAmount"),
						on("error", read("readyState")), on("close", read("readyState"))),
				scenario("readyState: OPEN while the server's message arrives, CLOSED when it closed",
						construct("ws://{spring}/goodbye"), on("message", read("readyState")),
						on("close", read("readyState"))));
	}

	// 1.5: send()
	private static List<Scenario> sending() {
		String url = "ws://{raw}/";
		return List.of(
				scenario("send: while CONNECTING throws InvalidStateError for every payload", Peers.echo(),
						construct(url), send("x"), send(""), send("\uD800"), send(arrayBuffer(4)), send(view(8, 2, 4)),
						send(blob(4)), read("bufferedAmount"), on("open", read("bufferedAmount"), close(1000))),
				scenario("send: text, empty text and non-ASCII text arrive intact", Peers.echo(), construct(url),
						on("open", send("hello"), send(""), send("\u00e5\u00e4\u00f6 \u20ac"),
								send("\uD801\uDC7E \uD83D\uDE00")),
						on("message", 4, close(1000))),
				scenario("send: lone surrogates are sent as U+FFFD", Peers.echo(), construct(url),
						on("open", send("a\uDC00xb\uD800xc\uDC00\uD800x"), read("bufferedAmount")),
						on("message", close(1000))),
				scenario("send: ArrayBuffer, Uint8Array view and Blob send exactly their bytes", Peers.echo(),
						construct(url), binaryType("arraybuffer"),
						on("open", send(arrayBuffer(8)), read("bufferedAmount"), send(view(8, 2, 6)),
								read("bufferedAmount"), send(blob(65000)), read("bufferedAmount"), send(arrayBuffer(0)),
								read("bufferedAmount"), send(view(16, 16, 0)), read("bufferedAmount")),
						on("message", 5, close(1000))),
				scenario("send: after close() neither throws nor sends, and bufferedAmount grows", Peers.echo(),
						construct(url),
						on("open", close(), send("hello"), send(arrayBuffer(3)), send(blob(2)), read("bufferedAmount"),
								read("readyState")),
						on("close", read("bufferedAmount"))),
				scenario("send: inside onmessage after the server's Close arrived",
						Peers.sendAndClose(textFrame("Goodbye"), closeFrame(1000, "Bye")), construct(url),
						on("message", send("reply"), read("bufferedAmount")), on("close", read("bufferedAmount"))),
				scenario("send: inside onclose neither throws nor sends", construct("ws://{spring}/goodbye"),
						on("close", send("x"), send(arrayBuffer(2)), read("bufferedAmount"), read("readyState"))),
				scenario("send: 1 MiB text, ArrayBuffer and Blob round-trip", Peers.echo(), construct(url),
						binaryType("arraybuffer"),
						on("open", send(text("x", MEBIBYTE)), send(arrayBuffer(MEBIBYTE)), send(blob(MEBIBYTE)),
								read("bufferedAmount")),
						on("message", 3, read("bufferedAmount"), close(1000))));
	}

	// 1.6: bufferedAmount
	private static List<Scenario> bufferedAmount() {
		return List.of(scenario("bufferedAmount: 1, 3, 6, 10 inside one callback, 0 when the last echo arrives",
				Peers.echo(), construct("ws://{raw}/"),
				on("open", send("x"), read("bufferedAmount"), send("\u00e5"), read("bufferedAmount"), send("\u5336"),
						read("bufferedAmount"), send("\uD801\uDC7E"), read("bufferedAmount")),
				on("message", 4, read("bufferedAmount"), close(1000))));
	}

	// 1.7: close() validation and its effect in each state
	private static List<Scenario> closing() {
		String url = "ws://{raw}/";
		String reason123 = "a".repeat(123);
		String reason124 = "a".repeat(124);
		return List.of(
				scenario("close: invalid codes throw InvalidAccessError in every state", Peers.echo(), construct(url),
						close(0), close(999), close(1001), close(1005), close(1006), close(1015), close(2999),
						close(5000), close(65535), close(66536), close(-1), read("readyState"),
						on("open", close(1001), close(2999, "reason"), close(5000), read("readyState"),
								close(4999, "last")),
						on("close", close(1005), close(999))),
				scenario("close: reasons over 123 UTF-8 bytes throw SyntaxError, after the code check", Peers.echo(),
						construct(url), close(1000, reason124), read("readyState"),
						on("open", close(1000, "\u00e9".repeat(62)), close(999, reason124), read("readyState"),
								close(3000, reason123))),
				scenario("close: close() after the server's Close arrived, before its task ran",
						Peers.sendAndClose(textFrame("Goodbye"), closeFrame(1000, "Bye")), construct(url),
						on("message", read("readyState"), close(3000, "mine"), read("readyState"))),
				scenario("close: calling close() again does nothing", Peers.echo(), construct(url),
						on("open", close(3001, "first"), close(), close(1000, "third"), read("readyState")),
						on("close", close(), close(3000), read("readyState"))));
	}

	// 1.11: the close code, reason and wasClean
	private static List<Scenario> closeCode() {
		String url = "ws://{raw}/";
		return List.of(
				scenario("close code: close() without a code gives 1005", Peers.echo(), construct(url),
						on("open", close())),
				scenario("close code: 3000 with a reason is echoed", Peers.echo(), construct(url),
						on("open", close(3000, "Clean Close"))),
				scenario("close code: 4000 with a reason, against Tomcat", construct("ws://{spring}/echo"),
						on("open", close(4000, "bye"))),
				scenario("close code: lone surrogates in the reason come back as U+FFFD", Peers.echo(), construct(url),
						on("open", close(1000, "a\uD800b\uDC00"))),
				scenario("close code: the server closes with 1000 after a message", construct("ws://{spring}/goodbye")),
				scenario("close code: the server closes with 4321 and no reason",
						Peers.sendAndClose(closeFrame(4321, "")), construct(url)),
				scenario("close code: the server's empty Close gives 1005", Peers.sendAndClose(closeFrame()),
						construct(url)),
				scenario("close code: the server answers Close after one second",
						Peers.answerCloseAfter(Duration.ofSeconds(1)), construct(url), on("open", close(3000, "slow"))),
				scenario("close code: the server answers Close with another code",
						Peers.answerClose(closeFrame(4001, "theirs")), construct(url), on("open", close(3000, "mine"))),
				scenario("close code: the server answers a coded Close with an empty one", Peers.answerClose(closeFrame()),
						construct(url), on("open", close(3000))),
				scenario("close code: the server sends Close and closes TCP at once",
						Peers.sendThenCloseTcp(closeFrame(1000, "bye")), construct(url)),
				scenario("close code: a byte order mark in the server's reason is kept",
						Peers.sendAndClose(closeFrame(1000, "\uFEFFbye")), construct(url)),
				scenario("close code: the server's Close with 1012", Peers.sendAndClose(closeFrame(1012, "restart")),
						construct(url)),
				scenario("close code: an invalid UTF-8 reason in the server's Close fails the connection",
						Peers.send(frame(CLOSE, new byte[] { 0x03, (byte) 0xE8, (byte) 0xC3, 0x28 }, true)),
						construct(url)),
				scenario("close code: the server closes TCP instead of answering Close", Peers.closeTcpOnClose(),
						construct(url), on("open", close(3000))),
				scenario("close code: the server closes TCP while open", Peers.sendThenCloseTcp(), construct(url)),
				scenario("close code: a Close with a 1-byte body fails the connection",
						Peers.send(frame(CLOSE, new byte[] { 3 }, true)), construct(url)),
				scenario("close code: a Close with the reserved code 1005 fails the connection",
						Peers.send(closeFrame(1005, "")), construct(url)));
	}

	// H6 says "an invalid close code" fails the connection: which codes does Chromium reject?
	private static List<Scenario> unusualCloseCodes() {
		return IntStream.of(0, 999, 1004, 1006, 1015, 1016, 2999, 5000, 65535)
			.mapToObj((code) -> scenario("close code: the server's Close with " + code,
					Peers.sendAndClose(closeFrame(code, "")), construct("ws://{raw}/")))
			.toList();
	}

	// 1.3 (H6) and 1.8: receiving messages
	private static List<Scenario> receive() {
		String url = "ws://{raw}/";
		return List.of(
				scenario("receive: text, then a reserved opcode, fails the connection",
						Peers.send(textFrame("test"), frame(3, new byte[0], true)), construct(url)),
				scenario("receive: a masked frame fails the connection",
						Peers.send(frame(TEXT, bytes("masked"), true, 0, true)), construct(url)),
				scenario("receive: invalid UTF-8 fails the connection",
						Peers.send(frame(TEXT, new byte[] { (byte) 0xC3, 0x28 }, true)), construct(url)),
				scenario("receive: RSV1 without an extension fails the connection",
						Peers.send(frame(TEXT, bytes("x"), true, 4, false)), construct(url)),
				scenario("receive: a ping of 126 bytes fails the connection", Peers.send(frame(PING, new byte[126], true)),
						construct(url)),
				scenario("receive: a UTF-8-encoded surrogate fails the connection",
						Peers.send(frame(TEXT, unsigned(0xED, 0xA0, 0x80), true)), construct(url)),
				scenario("receive: an overlong UTF-8 encoding fails the connection",
						Peers.send(frame(TEXT, unsigned(0xC0, 0xAF), true)), construct(url)),
				scenario("receive: a code point above U+10FFFF fails the connection",
						Peers.send(frame(TEXT, unsigned(0xF4, 0x90, 0x80, 0x80), true)), construct(url)),
				scenario("receive: a message ending inside a UTF-8 sequence fails the connection",
						Peers.send(frame(TEXT, bytes("a"), false), frame(CONTINUATION, unsigned(0xE2, 0x82), true)),
						construct(url)),
				scenario("receive: a UTF-8 sequence split across fragments is reassembled",
						Peers.send(frame(TEXT, unsigned(0x61, 0xC3), false), frame(CONTINUATION, unsigned(0xA9, 0x62), true)),
						construct(url), on("message", close(1000))),
				scenario("receive: a byte order mark in text is kept",
						Peers.send(frame(TEXT, unsigned(0xEF, 0xBB, 0xBF, 0x78), true)), construct(url),
						on("message", close(1000))),
				scenario("receive: a continuation frame without a start fails the connection",
						Peers.send(frame(CONTINUATION, bytes("x"), true)), construct(url)),
				scenario("receive: a new message inside a fragmented one fails the connection",
						Peers.send(frame(TEXT, bytes("a"), false), frame(TEXT, bytes("b"), true)), construct(url)),
				scenario("receive: a fragmented ping fails the connection", Peers.send(frame(PING, bytes("p"), false)),
						construct(url)),
				scenario("receive: a 16-bit length for a 2-byte payload",
						Peers.send(unsigned(0x81, 126, 0, 2, 'h', 'i')), construct(url), on("message", close(1000))),
				scenario("receive: a 64-bit length for a 2-byte payload",
						Peers.send(unsigned(0x81, 127, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i')), construct(url),
						on("message", close(1000))),
				scenario("receive: a 64-bit length with the top bit set fails the connection",
						Peers.send(unsigned(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0)), construct(url)),
				scenario("receive: a data frame after the server's Close",
						Peers.sendAndClose(closeFrame(1000, "bye"), textFrame("late")), construct(url)),
				scenario("receive: empty binary messages as Blob and as ArrayBuffer",
						Peers.send(binaryFrame(new byte[0]), binaryFrame(new byte[0])), construct(url),
						on("message", 1, binaryType("arraybuffer")), on("message", 2, close(1000))),
				scenario("receive: fragments are reassembled, with a ping between them",
						Peers.sendAndClose(frame(TEXT, bytes("Hel"), false), frame(PING, bytes("p"), true),
								frame(CONTINUATION, bytes("lo"), true), frame(BINARY, new byte[] { 0, 1, 2 }, false),
								frame(CONTINUATION, new byte[0], false), frame(CONTINUATION, new byte[] { 3, 4 }, true),
								closeFrame(1000, "done")),
						construct(url), binaryType("arraybuffer")),
				scenario("receive: the length encodings at 125, 126, 65535 and 65536 bytes", Peers.echo(),
						construct(url), binaryType("arraybuffer"),
						on("open", send(arrayBuffer(125)), send(arrayBuffer(126)), send(arrayBuffer(65535)),
								send(arrayBuffer(65536)), send(text("y", 65536))),
						on("message", 5, close(1000))),
				scenario("receive: messages still queued after close() are dropped",
						Peers.send(textFrame("one"), textFrame("two"), textFrame("three")), construct(url),
						on("message", close(1000))));
	}

	// 1.8: binaryType
	private static List<Scenario> binaryTypes() {
		return List.of(
				scenario("binaryType: blob by default, other values are ignored", Peers.silent(),
						construct("ws://{raw}/"), read("binaryType"), binaryType("arraybuffer"), binaryType("Blob"),
						binaryType(""), binaryType("text"), binaryType("blob"), binaryType("ARRAYBUFFER"),
						binaryType("arraybuffer "), close()),
				scenario("binaryType: the value when the event is dispatched decides",
						Peers.send(binaryFrame(new byte[3]), binaryFrame(new byte[4]), binaryFrame(new byte[5])),
						construct("ws://{raw}/"), on("message", 1, binaryType("arraybuffer")),
						on("message", 2, binaryType("blob")), on("message", 3, close(1000))));
	}

	// 1.10: events and handler order
	private static List<Scenario> events() {
		return List.of(
				scenario("events: onX keeps the position where it was first set", Peers.echo(), construct("ws://{raw}/"),
						addListener("open", "A"), handler("open", "B"), addListener("open", "C"),
						handler("open", "B2"), addListener("close", "X"), handler("close", "Y"),
						addListener("close", "Z"), handler("close", "Y2"), on("open", close(1000))),
				scenario("events: the same listener added twice fires once, a once listener fires once",
						Peers.send(textFrame("a"), textFrame("b")), construct("ws://{raw}/"), addListener("message", "A"),
						addListener("message", "A"), addListenerOnce("message", "O"), on("message", 2, close(1000))),
				scenario("events: listeners removed during dispatch are skipped, added ones wait for the next event",
						Peers.send(textFrame("a"), textFrame("b")), construct("ws://{raw}/"),
						on("message", 1, removeListener("message", "B"), handler("message", null),
								addListener("message", "late")),
						addListener("message", "B"), handler("message", "H"), on("open", handler("open", "H2")),
						handler("open", "H1"), on("message", 2, close(1000))),
				scenario("events: dispatchEvent runs the listeners at once", Peers.echo(), construct("ws://{raw}/"),
						handler("open", "H"), addListener("open", "A"), addListener("error", "E"), dispatch("open"),
						dispatch("error"), read("readyState"), on("open", close(1000))),
				scenario("events: clearing onX and setting it again moves it to the end", Peers.echo(),
						construct("ws://{raw}/"), handler("open", "B"), addListener("open", "C"), handler("open", null),
						handler("open", "D"), handler("message", "M"), addListener("message", "N"),
						on("open", send("hi")), on("message", close(1000))));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] unsigned(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
