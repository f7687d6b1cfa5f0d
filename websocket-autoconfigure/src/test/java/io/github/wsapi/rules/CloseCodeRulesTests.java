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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.RawWebSocketServer.Script;
import io.github.wsapi.testserver.SpringTestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.wsapi.rules.Transcript.FAILED_CLOSE;
import static io.github.wsapi.rules.Transcript.OPENED;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.rules.Transcript.closeLine;
import static io.github.wsapi.testserver.RawWebSocketServer.neverAnswer;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.11 of the WebSocket rules: the close code and {@code wasClean}. The
 * code and reason come from the first Close frame the client received (1005 if it had no
 * code, 1006 if there was none), and {@code wasClean} is true only when Close frames went
 * both ways.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class CloseCodeRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// W1

	@Test
	void closeWithoutCodeAgainstAnEchoingServerReports1005AndEmptyReason() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close());
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1005, "", true));
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEmpty());
		}
	}

	@Test
	void closeWith3000AndReasonAgainstAnEchoingServerReports3000AndTheReason() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(3000, "Clean Close"));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, "Clean Close", true));
	}

	@ParameterizedTest(name = "close({0}, \"{1}\")")
	@MethodSource("codesAndReasons")
	void echoingServerReturnsTheClientsCodeAndReason(int code, String reason) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(code, reason));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(code, reason, true));
	}

	static Stream<Arguments> codesAndReasons() {
		return Stream.of(Arguments.of(1000, ""), Arguments.of(1000, "Normal"), Arguments.of(3000, ""),
				Arguments.of(3999, "Application"), Arguments.of(4000, "private use"),
				Arguments.of(4321, "héllo 😀"), Arguments.of(4999, "last"));
	}

	@Test
	void codeAndReasonComeFromTheServersCloseNotFromTheClients() throws Exception {
		Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.readUntilClose();
			connection.write(RawConnection.closeFrame(4001, "server's own"));
			connection.closeTcp();
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close(3000, "client's"));
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(4001, "server's own", true));
		}
	}

	@Test
	void serverInitiatedCloseWithoutCodeReports1005() throws Exception {
		Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.closeFrame());
			connection.readUntilClose();
			connection.closeTcp();
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1005, "", true));
		}
	}

	static Stream<Arguments> tcpLossWithoutClose() {
		return Stream.of(Arguments.of("FIN while open", lastWordsThen(false, RawConnection::closeTcp), false),
				Arguments.of("RST while open", lastWordsThen(false, RawConnection::abortTcp), false),
				Arguments.of("FIN instead of answering the client's Close",
						lastWordsThen(true, RawConnection::closeTcp), true),
				Arguments.of("RST instead of answering the client's Close",
						lastWordsThen(true, RawConnection::abortTcp), true));
	}

	private static Script lastWordsThen(boolean afterClientsClose, Consumer<RawConnection> drop) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.textFrame("last words"));
			if (afterClientsClose) {
				connection.readUntilClose();
			}
			drop.accept(connection);
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tcpLossWithoutClose")
	void tcpLossWithoutServerCloseReports1006AndNotClean(String description, Script script, boolean clientCloses)
			throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			if (clientCloses) {
				socket.onmessage((event) -> socket.close(3000, "please answer"));
			}
			List<String> lines = transcript.awaitClose();
			// W4: whether an error event precedes close is left open, so it is not asserted
			assertThat(lines).filteredOn((line) -> !line.startsWith("error "))
				.containsExactly(OPENED, "message rs=1 text:last words", FAILED_CLOSE);
			assertThat(lines).filteredOn((line) -> line.startsWith("error ")).hasSizeLessThanOrEqualTo(1);
		}
	}

	// W2

	@ParameterizedTest(name = "close({0}, lone surrogate)")
	@ValueSource(ints = { 1000, 3000 })
	void loneSurrogateInReasonIsSentAsReplacementCharacter(int code) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(code, "\uD800"));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(code, "\uFFFD", true));
	}

	@Test
	void loneSurrogatesInReasonAreSentAsUtf8OfReplacementCharacter() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close(3000, "a\uDC00b\uD800"));
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, "a\uFFFDb\uFFFD", true));
			byte[] expected = ByteBuffer.allocate(10)
				.putShort((short) 3000)
				.put(new byte[] { 'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD })
				.put(new byte[] { 'b', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD })
				.array();
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(expected));
		}
	}

	// W3

	@Test
	void serverInitiatedCloseAfterAMessageIsClean() throws Exception {
		WebSocket socket = new WebSocket(server.url("/goodbye"));
		Transcript transcript = Transcript.of(socket);
		assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:Goodbye",
				closeLine(1000, "Bye", true));
	}

	@Test
	void closeArrivingWithThe101AndAnAbortAfterTheClientsCloseIsClean() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(closeWithHandshakeThenAbort())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.onmessage((event) -> {
				throw new AssertionError("no message expected");
			});
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1001, "PASS", true));
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).as("client's Close frame").hasSize(1);
		}
	}

	@Test
	void closeArrivingWithThe101ThenCloseInOnopenIsClean() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(closeWithHandshakeThenAbort())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close());
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1001, "PASS", true));
		}
	}

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of("connection refused", null, false),
				Arguments.of("404 response",
						RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), false),
				Arguments.of("not HTTP", (Script) (connection) -> {
					connection.readHandshake();
					connection.writeAscii("FOO BAR BAZ\r\n\r\n");
					connection.closeTcp();
				}, false),
				Arguments.of("subprotocol not offered",
						RawWebSocketServer.afterHandshake((connection) -> connection.awaitClientClosed(TIMEOUT),
								"Sec-WebSocket-Protocol: chat"),
						false),
				Arguments.of("reserved opcode after open", violation(RawConnection.frame(3, new byte[0], true)), true),
				Arguments.of("1-byte Close payload",
						violation(RawConnection.frame(RawConnection.CLOSE, new byte[] { 3 }, true)), true),
				Arguments.of("invalid close code 1005 from the server", violation(RawConnection.closeFrame(1005, "")),
						true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failedConnectionIsNotCleanAndReports1006(String description, @Nullable Script script, boolean opens)
			throws Exception {
		try (RawWebSocketServer peer = (script != null) ? RawWebSocketServer.start(script) : null) {
			String url = (peer != null) ? peer.url("/") : "ws://127.0.0.1:" + refusedPort() + "/";
			WebSocket socket = new WebSocket(url);
			Transcript transcript = Transcript.of(socket);
			List<String> expected = opens ? List.of(OPENED, "error rs=3", FAILED_CLOSE)
					: List.of("error rs=3", FAILED_CLOSE);
			assertThat(transcript.awaitClose()).isEqualTo(expected);
		}
	}

	@Test
	void closeWhileConnectingIsNotCleanAndReports1006() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			peer.awaitConnection(TIMEOUT);
			socket.close(3000, "not used");
			assertThat(transcript.awaitClose()).containsExactly("error rs=3", FAILED_CLOSE);
		}
	}

	// Helpers

	/**
	 * Opening handshake 005: the 101 response and a Close frame 1001 "PASS" in one write;
	 * after reading the client's Close, the server resets the TCP connection.
	 */
	private static Script closeWithHandshakeThenAbort() {
		return (connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), RawConnection.closeFrame(1001, "PASS"));
			connection.readUntilClose();
			connection.abortTcp();
		};
	}

	private static Script violation(byte[] frame) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(frame);
			connection.awaitClientClosed(TIMEOUT);
		});
	}

	private static List<Frame> closeFrames(RawConnection connection) {
		await().atMost(TIMEOUT).until(() -> !closeFramesNow(connection).isEmpty());
		return closeFramesNow(connection);
	}

	private static List<Frame> closeFramesNow(RawConnection connection) {
		return connection.framesReceived().stream().filter((frame) -> frame.opcode() == RawConnection.CLOSE).toList();
	}

}
