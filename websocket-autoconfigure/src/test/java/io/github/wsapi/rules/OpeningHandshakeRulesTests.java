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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.wsapi.ErrorEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.wsapi.rules.Transcript.FAILED;
import static io.github.wsapi.rules.Transcript.OPENED_AND_CLOSED;
import static io.github.wsapi.testserver.RawConnection.CLOSE;
import static io.github.wsapi.testserver.RawConnection.CONTINUATION;
import static io.github.wsapi.testserver.RawConnection.PING;
import static io.github.wsapi.testserver.RawConnection.PONG;
import static io.github.wsapi.testserver.RawConnection.TEXT;
import static io.github.wsapi.testserver.RawConnection.closeFrame;
import static io.github.wsapi.testserver.RawConnection.frame;
import static io.github.wsapi.testserver.RawConnection.textFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for section 1.3 of the WebSocket rules: the opening handshake and failing the
 * WebSocket connection (H1 to H8), that is the request the client sends, the responses
 * that fail the connection, one handshake per host at a time, bytes that arrive with the
 * 101 response, protocol errors after open, and failures that all look the same.
 *
 * @author wsapi contributors
 */
class OpeningHandshakeRulesTests {

	private static final String SWITCHING_PROTOCOLS = "HTTP/1.1 101 Switching Protocols";

	// H1: the request

	@Test
	void requestIsAGetWithTheRfc6455Headers() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			connection.acceptHandshake(request, "Sec-WebSocket-Protocol: echo");
			connection.echoUntilClose();
		})) {
			WebSocket socket = new WebSocket(server.url("/path?q=1"), "echo", "chat");
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close(1000));
			assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			assertThat(socket.protocol()).isEqualTo("echo");
			HandshakeRequest request = received.get(10, TimeUnit.SECONDS);
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.target()).isEqualTo("/path?q=1");
			assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
			assertThat(request.header("Upgrade")).isEqualToIgnoringCase("websocket");
			assertThat(tokens(request.header("Connection"))).anyMatch("upgrade"::equalsIgnoreCase);
			assertThat(request.header("Sec-WebSocket-Key")).isNotNull()
				.satisfies((key) -> assertThat(Base64.getDecoder().decode(key)).hasSize(16));
			assertThat(request.header("Sec-WebSocket-Version")).isEqualTo("13");
			assertThat(request.headers().get("Sec-WebSocket-Protocol")).containsExactly("echo, chat");
			assertThat(request.headers()).doesNotContainKeys("Referer", "Origin");
		}
	}

	@Test
	void secWebSocketKeyIsFreshForEachConnection() throws Exception {
		List<HandshakeRequest> requests = new CopyOnWriteArrayList<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			requests.add(request);
			connection.acceptHandshake(request);
			connection.echoUntilClose();
		})) {
			for (int i = 0; i < 3; i++) {
				WebSocket socket = new WebSocket(server.url("/key"));
				Transcript transcript = Transcript.of(socket);
				socket.onopen((event) -> socket.close(1000));
				assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			}
			assertThat(requests).extracting((request) -> request.header("Sec-WebSocket-Key"))
				.hasSize(3)
				.doesNotHaveDuplicates();
		}
	}

	@Test
	void userInfoIsSentAsBasicCredentials() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			connection.acceptHandshake(request);
			connection.echoUntilClose();
		})) {
			String url = "ws://foo:bar@127.0.0.1:" + server.port() + "/";
			WebSocket socket = new WebSocket(url);
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close(1000));
			assertThat(socket.url()).isEqualTo(url);
			assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			HandshakeRequest request = received.get(10, TimeUnit.SECONDS);
			assertThat(request.header("Authorization")).isEqualTo("Basic Zm9vOmJhcg==");
			assertThat(request.target()).isEqualTo("/");
		}
	}

	// H2: redirects are not followed

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "301 Moved Permanently", "302 Found", "303 See Other", "307 Temporary Redirect",
			"308 Permanent Redirect" })
	void redirectIsNotFollowed(String status) throws Exception {
		try (RawWebSocketServer target = RawWebSocketServer.start(RawWebSocketServer.echo());
				RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.respond("HTTP/1.1 " + status
						+ "\r\nLocation: " + target.url("/") + "\r\nContent-Length: 0\r\n\r\n"))) {
			assertFails(server.url("/redirect"));
			assertThat(target.connections()).as("connections to the Location").isEmpty();
		}
	}

	// H3: responses that fail the connection

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "200 OK", "400 Bad Request", "403 Forbidden", "404 Not Found", "426 Upgrade Required",
			"500 Internal Server Error" })
	void statusOtherThan101FailsTheConnection(String status) throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer
			.start(RawWebSocketServer.respond("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n"))) {
			assertFails(server.url("/status"));
		}
	}

	@Test
	void statusWith101HeadersButAnotherCodeFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = answering((request) -> head("HTTP/1.1 200 OK", "Upgrade: websocket",
				"Connection: Upgrade", accept(request), "Content-Length: 0"))) {
			assertFails(server.url("/"));
		}
	}

	@Test
	void nonHttpResponseFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.respond("FOO BAR BAZ\r\n\r\n"))) {
			assertFails(server.url("/foo"));
		}
	}

	@Test
	void wrongSecWebSocketAcceptFailsTheConnection() throws Exception {
		// the accept value of another key: the RFC 6455 sample
		String otherAccept = "Sec-WebSocket-Accept: " + RawConnection.acceptKey("dGhlIHNhbXBsZSBub25jZQ==");
		try (RawWebSocketServer server = answering(
				(request) -> head(SWITCHING_PROTOCOLS, "Upgrade: websocket", "Connection: Upgrade", otherAccept))) {
			assertFails(server.url("/"));
		}
	}

	@Test
	void missingSecWebSocketAcceptFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = answering(
				(request) -> head(SWITCHING_PROTOCOLS, "Upgrade: websocket", "Connection: Upgrade"))) {
			assertFails(server.url("/"));
		}
	}

	@Test
	void secWebSocketAcceptOfTheKeyWithoutTheGuidFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = answering((request) -> head(SWITCHING_PROTOCOLS, "Upgrade: websocket",
				"Connection: Upgrade", "Sec-WebSocket-Accept: " + request.header("Sec-WebSocket-Key")))) {
			assertFails(server.url("/"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Upgrade: h2c", "Upgrade: websocket2", "Upgrade: web socket", "" })
	void upgradeOtherThanWebsocketFailsTheConnection(String upgrade) throws Exception {
		try (RawWebSocketServer server = answering(
				(request) -> head(SWITCHING_PROTOCOLS, upgrade, "Connection: Upgrade", accept(request)))) {
			assertFails(server.url("/"));
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Connection: keep-alive", "Connection: close", "Connection: upgraded", "" })
	void connectionWithoutUpgradeFailsTheConnection(String connection) throws Exception {
		try (RawWebSocketServer server = answering(
				(request) -> head(SWITCHING_PROTOCOLS, "Upgrade: websocket", connection, accept(request)))) {
			assertFails(server.url("/"));
		}
	}

	@Test
	void subprotocolSelectedWhenNoneWasOfferedFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(
				RawWebSocketServer.afterHandshake(RawConnection::echoUntilClose, "Sec-WebSocket-Protocol: echo"))) {
			assertFails(server.url("/"));
		}
	}

	@Test
	void subprotocolIsMatchedCaseSensitively() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(
				RawWebSocketServer.afterHandshake(RawConnection::echoUntilClose, "Sec-WebSocket-Protocol: foobar"))) {
			assertFails(server.url("/"), "FOOBAR");
		}
	}

	@Test
	void subprotocolOtherThanTheOfferedOnesFailsTheConnection() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(
				RawWebSocketServer.afterHandshake(RawConnection::echoUntilClose, "Sec-WebSocket-Protocol: chat"))) {
			assertFails(server.url("/"), "echo", "foobar");
		}
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "Sec-WebSocket-Protocol: ", "Sec-WebSocket-Protocol: echo, chat" })
	void offeredSubprotocolsWithoutOneSelectedFailTheConnection(String protocolHeader) throws Exception {
		try (RawWebSocketServer server = answering(
				(request) -> head(SWITCHING_PROTOCOLS, "Upgrade: websocket", "Connection: Upgrade", accept(request),
						protocolHeader))) {
			assertFails(server.url("/"), "echo", "chat");
		}
	}

	@Test
	void extensionThatWasNotOfferedFailsTheConnection() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			connection.acceptHandshake(request, "Sec-WebSocket-Extensions: x-not-offered");
			connection.echoUntilClose();
		})) {
			assertFails(server.url("/"));
			assertThat(received.get(10, TimeUnit.SECONDS).header("Sec-WebSocket-Extensions")).as("offered extensions")
				.isNull();
		}
	}

	@Test
	void permessageDeflateThatWasNotOfferedFailsTheConnection() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			connection.acceptHandshake(request, "Sec-WebSocket-Extensions: permessage-deflate");
			connection.echoUntilClose();
		})) {
			assertFails(server.url("/"));
			assertThat(received.get(10, TimeUnit.SECONDS).header("Sec-WebSocket-Extensions")).as("offered extensions")
				.isNull();
		}
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "HTTP/1.1 101 Switching Protocols:", "HTTP/1.1 101 Web Socket Protocol Handshake",
			"HTTP/1.1 101 ", "HTTP/1.1 101 Not Switching Protocols" })
	void reasonPhraseIsFreeTextAndUpgradeIsCaseInsensitive(String statusLine) throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(head(statusLine, "Upgrade: WebSocket", "Connection: Upgrade", accept(request)));
			connection.echoUntilClose();
		})) {
			assertOpensAndCloses(server.url("/"));
		}
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "Connection: upgrade", "Connection: UPGRADE", "Connection: keep-alive, Upgrade" })
	void connectionHeaderIsATokenListMatchedCaseInsensitively(String connectionHeader) throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(head(SWITCHING_PROTOCOLS, "upgrade: websocket", connectionHeader, accept(request)));
			connection.echoUntilClose();
		})) {
			assertOpensAndCloses(server.url("/"));
		}
	}

	// H4: one handshake per host at a time

	@Test
	void secondSocketToTheSameHostWaitsForTheFirstHandshake() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			// the peer is slow to answer, as in WPT constructor/014
			Thread.sleep(2000);
			connection.acceptHandshake(request);
			connection.echoUntilClose();
		})) {
			AtomicLong firstOpen = new AtomicLong();
			AtomicLong secondOpen = new AtomicLong();
			WebSocket first = new WebSocket(server.url("/first"));
			Transcript firstTranscript = Transcript.of(first);
			first.onopen((event) -> {
				firstOpen.set(System.nanoTime());
				first.close(1000);
			});
			WebSocket second = new WebSocket(server.url("/second"));
			Transcript secondTranscript = Transcript.of(second);
			second.onopen((event) -> {
				secondOpen.set(System.nanoTime());
				second.close(1000);
			});
			assertThat(firstTranscript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			assertThat(secondTranscript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			assertThat(Duration.ofNanos(Math.abs(secondOpen.get() - firstOpen.get())))
				.as("time between the open events").isGreaterThan(Duration.ofSeconds(1));
		}
	}

	@Test
	void failingConnectionsFollowedByAGoodOneAllBehave() throws Exception {
		AtomicInteger count = new AtomicInteger();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			switch (count.incrementAndGet()) {
				case 1 -> connection.writeAscii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
				case 2 -> connection.writeAscii("FOO BAR BAZ\r\n\r\n");
				case 3 -> connection.writeAscii(head(SWITCHING_PROTOCOLS, "Upgrade: websocket",
						"Connection: Upgrade", "Sec-WebSocket-Accept: wrong"));
				case 4 -> connection.closeTcp();
				case 5 -> connection.abortTcp();
				default -> {
					connection.acceptHandshake(request);
					connection.echoUntilClose();
				}
			}
		})) {
			for (int i = 1; i <= 5; i++) {
				assertFails(server.url("/fail" + i));
			}
			assertOpensAndCloses(server.url("/good"));
			assertOpensAndCloses(server.url("/good-again"));
			assertThat(server.connections()).hasSize(7);
		}
	}

	// H5: bytes that arrive with the 101 response

	@Test
	void closeFrameInTheSameWriteAsThe101ResponseIsNotLost() throws Exception {
		CompletableFuture<Frame> clientClose = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), closeFrame(1001, "PASS"));
			clientClose.complete(connection.readFrame());
			connection.abortTcp();
		})) {
			WebSocket socket = new WebSocket(server.url("/"));
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1",
					"close rs=3 code=1001 reason=PASS clean=true");
			assertThat(clientClose.get(10, TimeUnit.SECONDS).opcode()).isEqualTo(CLOSE);
		}
	}

	@Test
	void messagesInTheSameWriteAsThe101ResponseAreNotLost() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), textFrame("first"), textFrame("second"),
					closeFrame(1000, "done"));
			connection.readFrame();
			connection.closeTcp();
		})) {
			WebSocket socket = new WebSocket(server.url("/"));
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:first",
					"message rs=1 text:second", "close rs=3 code=1000 reason=done clean=true");
		}
	}

	// H6: protocol errors after open

	@ParameterizedTest(name = "{0}")
	@MethodSource("protocolErrors")
	void protocolErrorAfterOpenFailsTheConnection(String description, byte[] badFrames) throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(textFrame("test"), badFrames);
		})) {
			List<Event> errors = new CopyOnWriteArrayList<>();
			WebSocket socket = new WebSocket(server.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.addEventListener("error", errors::add);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:test",
					"error rs=3", "close rs=3 code=1006 reason= clean=false");
			assertThat(errors).singleElement().isInstanceOf(ErrorEvent.class);
		}
	}

	static Stream<Arguments> protocolErrors() {
		byte[] x = bytes('x');
		Stream<Arguments> reservedOpcodes = IntStream.of(0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF)
			.mapToObj((opcode) -> arguments("reserved opcode 0x" + Integer.toHexString(opcode),
					frame(opcode, x, true)));
		Stream<Arguments> invalidCloseCodes = IntStream.of(0, 999, 1005, 1006, 1015)
			.mapToObj((code) -> arguments("Close with invalid code " + code, closeFrame(code, "")));
		Stream<Arguments> others = Stream.of(
				arguments("masked text frame", frame(TEXT, "masked".getBytes(StandardCharsets.UTF_8), true, 0, true)),
				arguments("masked close frame", frame(CLOSE, bytes(0x03, 0xE8), true, 0, true)),
				arguments("RSV1 without extension", frame(TEXT, x, true, 0b100, false)),
				arguments("RSV2", frame(TEXT, x, true, 0b010, false)),
				arguments("RSV3", frame(TEXT, x, true, 0b001, false)),
				arguments("RSV1 on a ping", frame(PING, x, true, 0b100, false)),
				arguments("fragmented ping", frame(PING, x, false)),
				arguments("fragmented close", frame(CLOSE, bytes(0x03, 0xE8), false)),
				arguments("126-byte ping", frame(PING, new byte[126], true)),
				arguments("126-byte pong", frame(PONG, new byte[126], true)),
				arguments("126-byte close", frame(CLOSE, closePayload(1000, 124), true)),
				arguments("1-byte close payload", frame(CLOSE, bytes(0x03), true)),
				arguments("invalid UTF-8 text", frame(TEXT, bytes(0xC3, 0x28), true)),
				arguments("0xFF in text", frame(TEXT, bytes('a', 0xFF, 'b'), true)),
				arguments("overlong UTF-8 text", frame(TEXT, bytes(0xC0, 0xAF), true)),
				arguments("UTF-16 surrogate in text", frame(TEXT, bytes(0xED, 0xA0, 0x80), true)),
				arguments("truncated UTF-8 text", frame(TEXT, bytes('a', 0xE2, 0x82), true)),
				arguments("invalid UTF-8 across fragments",
						concat(frame(TEXT, bytes('a', 0xE2), false), frame(CONTINUATION, bytes(0x28), true))),
				arguments("continuation without a start", frame(CONTINUATION, x, true)),
				arguments("new message inside a fragmented one",
						concat(frame(TEXT, x, false), frame(TEXT, x, true))));
		return Stream.of(reservedOpcodes, invalidCloseCodes, others).flatMap((arguments) -> arguments);
	}

	// H7, H8: failures look the same

	private static void assertFails(String url, String... protocols) throws Exception {
		List<Event> errors = new CopyOnWriteArrayList<>();
		WebSocket socket = new WebSocket(url, protocols);
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("error", errors::add);
		assertThat(transcript.awaitClose()).isEqualTo(FAILED);
		assertThat(errors).singleElement().isInstanceOf(ErrorEvent.class);
		assertThat(socket.protocol()).isEmpty();
		assertThat(socket.extensions()).isEmpty();
	}

	private static void assertOpensAndCloses(String url) throws Exception {
		WebSocket socket = new WebSocket(url);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
	}

	private static RawWebSocketServer answering(Function<HandshakeRequest, String> response) {
		return RawWebSocketServer
			.start((connection) -> connection.writeAscii(response.apply(connection.readHandshake())));
	}

	private static String head(String statusLine, String... headerLines) {
		StringBuilder head = new StringBuilder(statusLine).append("\r\n");
		for (String line : headerLines) {
			if (!line.isEmpty()) {
				head.append(line).append("\r\n");
			}
		}
		return head.append("\r\n").toString();
	}

	private static String accept(HandshakeRequest request) {
		return "Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"));
	}

	private static List<String> tokens(String header) {
		return (header != null) ? Arrays.stream(header.split(",")).map(String::trim).toList() : List.of();
	}

	private static byte[] closePayload(int code, int reasonLength) {
		byte[] payload = new byte[2 + reasonLength];
		payload[0] = (byte) (code >> 8);
		payload[1] = (byte) code;
		Arrays.fill(payload, 2, payload.length, (byte) 'r');
		return payload;
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] concat(byte[]... chunks) {
		return Arrays.stream(chunks).reduce(new byte[0], (left, right) -> {
			byte[] both = Arrays.copyOf(left, left.length + right.length);
			System.arraycopy(right, 0, both, left.length, right.length);
			return both;
		});
	}

}
