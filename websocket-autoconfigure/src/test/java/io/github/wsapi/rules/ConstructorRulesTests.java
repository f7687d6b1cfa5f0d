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

package io.github.wsapi.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.wsapi.DOMException;
import io.github.wsapi.ErrorEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.wsapi.rules.Transcript.FAILED;
import static io.github.wsapi.rules.Transcript.OPENED_AND_CLOSED;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for section 1.2 of the WebSocket rules: the constructor (C1 to C10), that is URL
 * parsing and rewriting, the checks that throw {@code SyntaxError} synchronously, the
 * validation of the subprotocols, and network failures that never throw but surface as
 * {@code error} and {@code close} events.
 *
 * @author wsapi contributors
 */
class ConstructorRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	private static final List<HandshakeRequest> requests = new CopyOnWriteArrayList<>();

	// records each request, accepts the first offered subprotocol and echoes until Close
	@AutoClose
	static final RawWebSocketServer raw = RawWebSocketServer.start(ConstructorRulesTests::acceptFirstProtocol);

	// accepts TCP connections and answers with bytes that are not HTTP
	@AutoClose
	static final RawWebSocketServer garbage = RawWebSocketServer
		.start((connection) -> connection.write(new byte[] { 0, 1, 2, (byte) 0xFF, '\r', '\n', '\r', '\n' }));

	private static final int closedPort = refusedPort();

	// C1, C2, C7: the URL is parsed, rewritten and serialized

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("serializedUrls")
	void urlIsParsedAndSerializedAsTheUrlStandardSays(String input, String expected) throws Exception {
		WebSocket socket = new WebSocket(input);
		Transcript transcript = Transcript.of(socket);
		String url = socket.url();
		socket.close();
		assertThat(url).isEqualTo(expected);
		assertThat(transcript.awaitClose()).isEqualTo(FAILED);
	}

	static Stream<Arguments> serializedUrls() {
		String port = ":" + closedPort;
		return Stream.of(arguments("http://127.0.0.1" + port + "/x", "ws://127.0.0.1" + port + "/x"),
				arguments("https://127.0.0.1" + port + "/x", "wss://127.0.0.1" + port + "/x"),
				arguments("HTTP://127.0.0.1" + port + "/x", "ws://127.0.0.1" + port + "/x"),
				arguments("WS://LOCALHOST" + port + "/X", "ws://localhost" + port + "/X"),
				arguments("WsS://127.0.0.1" + port + "/", "wss://127.0.0.1" + port + "/"),
				arguments("ws://127.0.0.1" + port, "ws://127.0.0.1" + port + "/"),
				arguments("ws://127.0.0.1" + port + "?", "ws://127.0.0.1" + port + "/?"),
				arguments("ws://127.0.0.1:80/x", "ws://127.0.0.1/x"),
				arguments("wss://127.0.0.1:443/x", "wss://127.0.0.1/x"),
				arguments("http://127.0.0.1:80/x", "ws://127.0.0.1/x"),
				arguments("https://127.0.0.1:443/x", "wss://127.0.0.1/x"),
				arguments("ws://127.0.0.1:443/x", "ws://127.0.0.1:443/x"),
				arguments("wss://127.0.0.1:80/x", "wss://127.0.0.1:80/x"),
				arguments("ws:127.0.0.1" + port + "/echo", "ws://127.0.0.1" + port + "/echo"),
				arguments("ws:/127.0.0.1" + port + "/echo", "ws://127.0.0.1" + port + "/echo"),
				arguments(" \tws://127.0.0.1" + port + "/e\ncho\r \u0000", "ws://127.0.0.1" + port + "/echo"),
				arguments("ws://127.0.0.1" + port + "/echo?foo%20bar baz",
						"ws://127.0.0.1" + port + "/echo?foo%20bar%20baz"),
				arguments("ws://127.0.0.1" + port + "/echo?\u20AC", "ws://127.0.0.1" + port + "/echo?%E2%82%AC"),
				arguments("ws://127.0.0.1" + port + "/echo?\u00E5\u00E4\u00F6",
						"ws://127.0.0.1" + port + "/echo?%C3%A5%C3%A4%C3%B6"),
				arguments("ws://127.0.0.1" + port + "/echo?x\u0000y\u0000", "ws://127.0.0.1" + port + "/echo?x%00y"),
				arguments("ws://foo:bar@127.0.0.1" + port + "/", "ws://foo:bar@127.0.0.1" + port + "/"),
				arguments("ws://B\u00FCcher.invalid/", "ws://xn--bcher-kva.invalid/"));
	}

	@Test
	void httpUrlConnectsAsWs() throws Exception {
		String url = "http://127.0.0.1:" + raw.port() + "/http";
		WebSocket socket = new WebSocket(url);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(socket.url()).isEqualTo(raw.url("/http"));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(lastRequest().target()).isEqualTo("/http");
	}

	@Test
	void upperCaseSchemeAndHostConnect() throws Exception {
		WebSocket socket = new WebSocket("WS://LOCALHOST:" + raw.port() + "/Upper");
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(socket.url()).isEqualTo("ws://localhost:" + raw.port() + "/Upper");
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(lastRequest().target()).isEqualTo("/Upper");
	}

	@Test
	void emptyPathIsRequestedAsSlash() throws Exception {
		WebSocket socket = new WebSocket("ws://127.0.0.1:" + raw.port());
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(socket.url()).isEqualTo("ws://127.0.0.1:" + raw.port() + "/");
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(lastRequest().method()).isEqualTo("GET");
		assertThat(lastRequest().target()).isEqualTo("/");
	}

	@Test
	void spaceInQueryIsPercentEncodedForTheServer() throws Exception {
		assertThat(queryReceivedByServer("?foo%20bar baz")).isEqualTo("foo%20bar%20baz");
	}

	@Test
	void nonAsciiInQueryIsSentAsPercentEncodedUtf8() throws Exception {
		assertThat(queryReceivedByServer("?\u20AC")).isEqualTo("%E2%82%AC");
		assertThat(queryReceivedByServer("?\u00E5\u00E4\u00F6")).isEqualTo("%C3%A5%C3%A4%C3%B6");
	}

	@Test
	void nulInQueryIsPercentEncodedAndTrailingNulIsStripped() throws Exception {
		assertThat(queryReceivedByServer("?x\u0000y\u0000")).isEqualTo("x%00y");
	}

	private static String queryReceivedByServer(String query) throws Exception {
		CompletableFuture<String> headers = new CompletableFuture<>();
		WebSocket socket = new WebSocket(server.url("/handshake") + query);
		Transcript transcript = Transcript.of(socket);
		socket.onmessage((event) -> {
			headers.complete((String) event.data());
			socket.close(1000);
		});
		String received = headers.get(10, TimeUnit.SECONDS);
		assertThat(transcript.awaitClose()).first().isEqualTo("open rs=1");
		assertThat(transcript.lines()).last().isEqualTo("close rs=3 code=1000 reason= clean=true");
		Map<String, String> lines = parseLines(received);
		assertThat(socket.url()).endsWith("?" + lines.get("query"));
		return lines.get("query");
	}

	// C1, C3, C4: parse failures, other schemes and fragments throw SyntaxError

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "ws://127.0.0.1/echo#", "ws://127.0.0.1/#", "ws://127.0.0.1/echo#test",
			"ws://127.0.0.1:8080/echo?x#y", "http://127.0.0.1/#test", "wss://127.0.0.1/#" })
	void urlWithFragmentThrowsSyntaxError(String url) {
		assertSyntaxError(() -> new WebSocket(url));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "ftp://127.0.0.1/", "mailto:nobody@example.com", "about:blank", "file:///tmp/socket",
			"javascript:void(0)", "data:text/plain,x", "blob:ws://127.0.0.1/x", "wss2://127.0.0.1/",
			"urn:ietf:rfc:6455" })
	void otherSchemeThrowsSyntaxError(String url) {
		assertSyntaxError(() -> new WebSocket(url));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "test", "?", "null", "123", "#test", "/echo", "//127.0.0.1/echo", "" })
	void relativeUrlThrowsSyntaxError(String url) {
		assertSyntaxError(() -> new WebSocket(url));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "ws://foo bar.com/", "ws://127.0.0.1 /", "ws://", "ws://[::1/",
			"ws://127.0.0.1:99999/", "ws://127.0.0.1:port/", "ws://exa<mple.com/" })
	void invalidHostOrPortThrowsSyntaxError(String url) {
		assertSyntaxError(() -> new WebSocket(url));
	}

	// C5, C6: subprotocols

	@ParameterizedTest(name = "{index}: {0}")
	@MethodSource("invalidProtocols")
	void invalidSubprotocolTokenThrowsSyntaxError(String description, String protocol) {
		assertSyntaxError(() -> new WebSocket(raw.url("/invalid"), protocol));
		assertSyntaxError(() -> new WebSocket(raw.url("/invalid"), "chat", protocol));
	}

	static Stream<Arguments> invalidProtocols() {
		List<Arguments> cases = new ArrayList<>();
		cases.add(arguments("empty", ""));
		IntStream.rangeClosed(0x00, 0x20)
			.mapToObj((c) -> arguments(String.format("U+%04X", c), "ec" + (char) c + "ho"))
			.forEach(cases::add);
		cases.add(arguments("NUL alone", "\u0000"));
		cases.add(arguments("U+007F", "ec\u007Fho"));
		cases.add(arguments("U+0080 first", "\u0080echo"));
		cases.add(arguments("U+00FF", "ech\u00FF"));
		cases.add(arguments("non-Latin-1", "\u00E9cho\u20AC"));
		cases.add(arguments("space", "ec ho"));
		cases.add(arguments("slash", "/echo"));
		cases.add(arguments("comma and space", "foobar, foobar"));
		"()<>@,;:\\\"/[]?={}".chars()
			.mapToObj((c) -> arguments("separator " + (char) c, "ec" + (char) c + "ho"))
			.forEach(cases::add);
		return cases.stream();
	}

	@Test
	void duplicateSubprotocolsThrowSyntaxError() {
		assertSyntaxError(() -> new WebSocket(raw.url("/duplicates"), "echo", "echo"));
		assertSyntaxError(() -> new WebSocket(raw.url("/duplicates"), "echo", "chat", "echo"));
		assertSyntaxError(() -> new WebSocket(raw.url("/duplicates"), "EcHo", "EcHo"));
	}

	@Test
	void subprotocolsDifferingInCaseAreNotDuplicates() throws Exception {
		WebSocket socket = new WebSocket(raw.url("/case"), "echo", "eCho");
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(offeredProtocols(lastRequest())).containsExactly("echo", "eCho");
		assertThat(socket.protocol()).isEqualTo("echo");
	}

	@Test
	void everyTokenCharacterIsAccepted() throws Exception {
		String token = "!#$%&'*+-.^_`|~09AZaz";
		WebSocket socket = new WebSocket(raw.url("/token"), token);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(offeredProtocols(lastRequest())).containsExactly(token);
		assertThat(socket.protocol()).isEqualTo(token);
	}

	@Test
	void singleSubprotocolIsAOneElementList() throws Exception {
		WebSocket socket = new WebSocket(raw.url("/single"), "chat");
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(offeredProtocols(lastRequest())).containsExactly("chat");
		assertThat(socket.protocol()).isEqualTo("chat");
	}

	@Test
	void nullProtocolsMeanNoSubprotocols() throws Exception {
		WebSocket socket = new WebSocket(raw.url("/null"), (String[]) null);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(lastRequest().target()).isEqualTo("/null");
		assertThat(lastRequest().headers()).doesNotContainKey("Sec-WebSocket-Protocol");
		assertThat(socket.protocol()).isEmpty();
	}

	@Test
	void emptyProtocolsMeanNoSubprotocols() throws Exception {
		WebSocket socket = new WebSocket(raw.url("/empty"), new String[0]);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(lastRequest().target()).isEqualTo("/empty");
		assertThat(lastRequest().headers()).doesNotContainKey("Sec-WebSocket-Protocol");
	}

	// C9: nothing network-related throws

	@Test
	void connectionRefusedDoesNotThrowButFiresErrorThenClose() throws Exception {
		assertFailsWithoutThrowing("ws://127.0.0.1:" + closedPort + "/");
	}

	@Test
	void unknownHostDoesNotThrowButFiresErrorThenClose() throws Exception {
		assertFailsWithoutThrowing("ws://example.invalid/");
	}

	@Test
	void serverAnsweringGarbageDoesNotThrowButFiresErrorThenClose() throws Exception {
		assertFailsWithoutThrowing(garbage.url("/"));
	}

	private static void assertFailsWithoutThrowing(String url) throws Exception {
		List<Event> errors = new CopyOnWriteArrayList<>();
		WebSocket socket = new WebSocket(url);
		int readyState = socket.readyState();
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("error", errors::add);
		assertThat(readyState).isEqualTo(WebSocket.CONNECTING);
		assertThat(transcript.awaitClose()).isEqualTo(FAILED);
		assertThat(errors).singleElement().isInstanceOf(ErrorEvent.class);
	}

	private static void assertSyntaxError(Runnable construct) {
		assertThatExceptionOfType(DOMException.class).isThrownBy(construct::run).satisfies((ex) -> {
			assertThat(ex.name()).isEqualTo("SyntaxError");
			assertThat(ex.code()).isEqualTo(12).isEqualTo(DOMException.SYNTAX_ERR);
		});
	}

	private static void acceptFirstProtocol(RawConnection connection) throws IOException {
		HandshakeRequest request = connection.readHandshake();
		requests.add(request);
		String offered = request.header("Sec-WebSocket-Protocol");
		if (offered != null) {
			connection.acceptHandshake(request, "Sec-WebSocket-Protocol: " + offered.split(",")[0].trim());
		}
		else {
			connection.acceptHandshake(request);
		}
		connection.echoUntilClose();
	}

	private static HandshakeRequest lastRequest() {
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

	private static List<String> offeredProtocols(HandshakeRequest request) {
		String header = request.header("Sec-WebSocket-Protocol");
		assertThat(header).as("Sec-WebSocket-Protocol").isNotNull();
		return Arrays.stream(header.split(",")).map(String::trim).toList();
	}

	private static Map<String, String> parseLines(String text) {
		Map<String, String> lines = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			int colon = line.indexOf(": ");
			lines.put(line.substring(0, colon), line.substring(colon + 2));
		}
		return lines;
	}

}
