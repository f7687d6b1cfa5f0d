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

package io.github.wsapi.testserver;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RawWebSocketServer} and {@link RawConnection}, with the JDK's
 * {@link WebSocket} as a known-good RFC 6455 client.
 *
 * @author wsapi contributors
 */
class RawWebSocketServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient client = HttpClient.newHttpClient();

	@Test
	void acceptKeyMatchesRfc6455Sample() {
		assertThat(RawConnection.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@ParameterizedTest
	@CsvSource({ "0, 0, 2", "125, 125, 2", "126, 126, 4", "65535, 126, 4", "65536, 127, 10" })
	void frameUsesShortestLengthEncoding(int length, int lengthCode, int headerLength) {
		byte[] payload = randomBytes(length);
		byte[] frame = RawConnection.frame(RawConnection.BINARY, payload, true);
		assertThat(frame).hasSize(headerLength + length);
		assertThat(frame[0]).isEqualTo((byte) 0x82);
		assertThat(frame[1]).isEqualTo((byte) lengthCode);
		ByteBuffer header = ByteBuffer.wrap(frame, 2, headerLength - 2);
		long encodedLength = switch (headerLength) {
			case 2 -> lengthCode;
			case 4 -> header.getShort() & 0xFFFF;
			default -> header.getLong();
		};
		assertThat(encodedLength).isEqualTo(length);
		assertThat(Arrays.copyOfRange(frame, headerLength, frame.length)).isEqualTo(payload);
	}

	@Test
	void frameSetsRsvBitsAndMasks() {
		byte[] payload = "masked".getBytes(StandardCharsets.UTF_8);
		byte[] frame = RawConnection.frame(0x3, payload, false, 0b100, true);
		assertThat(frame[0]).isEqualTo((byte) 0x43);
		assertThat(frame[1]).isEqualTo((byte) (0x80 | payload.length));
		byte[] unmasked = new byte[payload.length];
		for (int i = 0; i < payload.length; i++) {
			unmasked[i] = (byte) (frame[6 + i] ^ frame[2 + (i & 3)]);
		}
		assertThat(unmasked).isEqualTo(payload);
	}

	@Test
	void closeFrameEncodesCodeAndReason() {
		assertThat(RawConnection.closeFrame()).containsExactly(0x88, 0x00);
		assertThat(RawConnection.closeFrame(1000, "ok")).containsExactly(0x88, 0x04, 0x03, 0xE8, 'o', 'k');
	}

	@Test
	void echoesTextFromMaskedClientFrames() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			Recorder recorder = new Recorder();
			WebSocket webSocket = connect(server.url("/echo"), recorder);
			webSocket.sendText("Hello", true).get();
			assertThat(recorder.nextMessage()).isEqualTo("Hello");
			RawConnection connection = server.awaitConnection(TIMEOUT);
			assertThat(connection.framesReceived()).singleElement()
				.satisfies((frame) -> assertThat(frame.masked()).isTrue())
				.satisfies((frame) -> assertThat(frame.text()).isEqualTo("Hello"));
		}
	}

	@Test
	void reassemblesFragmentsAndIgnoresPings() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			Recorder recorder = new Recorder();
			WebSocket webSocket = connect(server.url("/echo"), recorder);
			webSocket.sendText("Hel", false).get();
			webSocket.sendPing(ByteBuffer.wrap(new byte[] { 42 })).get();
			webSocket.sendText("lo", true).get();
			assertThat(recorder.nextMessage()).isEqualTo("Hello");
			assertThat(server.awaitConnection(TIMEOUT).framesReceived()).extracting(Frame::opcode, Frame::fin)
				.containsExactly(tuple(RawConnection.TEXT, false), tuple(RawConnection.PING, true),
						tuple(RawConnection.CONTINUATION, true));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 125, 126, 65535, 65536, 1024 * 1024 })
	void echoesBinary(int length) throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			Recorder recorder = new Recorder();
			byte[] payload = randomBytes(length);
			connect(server.url("/echo"), recorder).sendBinary(ByteBuffer.wrap(payload), true).get();
			assertThat(recorder.nextMessage()).isEqualTo(payload);
		}
	}

	@Test
	void echoesCloseCodeAndReason() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			Recorder recorder = new Recorder();
			connect(server.url("/echo"), recorder).sendClose(4000, "bye").get();
			assertThat(recorder.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("4000 bye");
			assertThat(server.awaitConnection(TIMEOUT).framesReceived()).singleElement()
				.satisfies((frame) -> assertThat(frame.opcode()).isEqualTo(RawConnection.CLOSE))
				.satisfies((frame) -> assertThat(frame.closeCode()).isEqualTo(4000))
				.satisfies((frame) -> assertThat(frame.closeReason()).isEqualTo("bye"));
		}
	}

	@Test
	void deliversCloseSentInTheSameWriteAsTheHandshakeResponse() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), RawConnection.closeFrame(1001, "PASS"));
		})) {
			Recorder recorder = new Recorder();
			connect(server.url("/"), recorder);
			assertThat(recorder.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("1001 PASS");
			RawConnection connection = server.awaitConnection(TIMEOUT);
			assertThat(connection.awaitClientClosed(TIMEOUT)).isTrue();
			assertThat(connection.framesReceived()).singleElement()
				.satisfies((frame) -> assertThat(frame.opcode()).isEqualTo(RawConnection.CLOSE));
		}
	}

	@Test
	void readsHandshakeRequestAndAcceptsSubprotocol() throws Exception {
		CompletableFuture<HandshakeRequest> handshake = new CompletableFuture<>();
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			handshake.complete(request);
			connection.acceptHandshake(request, "Sec-WebSocket-Protocol: chat");
		})) {
			WebSocket webSocket = client.newWebSocketBuilder()
				.subprotocols("chat")
				.header("X-Test", "one")
				.buildAsync(URI.create(server.url("/chat?room=1")), new Recorder())
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(webSocket.getSubprotocol()).isEqualTo("chat");
			HandshakeRequest request = handshake.get();
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.target()).isEqualTo("/chat?room=1");
			assertThat(request.header("sec-websocket-protocol")).isEqualTo("chat");
			assertThat(request.header("x-TEST")).isEqualTo("one");
			assertThat(request.header("X-Absent")).isNull();
		}
	}

	@Test
	void failsHandshakeWithRawResponse() {
		try (RawWebSocketServer server = RawWebSocketServer
			.start(RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
			CompletableFuture<WebSocket> connect = client.newWebSocketBuilder()
				.buildAsync(URI.create(server.url("/missing")), new Recorder());
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> connect.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(404));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "FOO BAR BAZ\r\n\r\n",
			"HTTP/1.1 301 Moved Permanently\r\nLocation: ws://127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n",
			"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n" })
	void failsHandshakeWithBrokenResponse(String rawResponse) {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.respond(rawResponse))) {
			CompletableFuture<WebSocket> connect = client.newWebSocketBuilder()
				.buildAsync(URI.create(server.url("/")), new Recorder());
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> connect.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
		}
	}

	@ParameterizedTest
	@CsvSource({ "1, 0, true", "1, 4, false", "3, 0, false" })
	void protocolViolationsFailTheClient(int opcode, int rsvBits, boolean masked) throws Exception {
		byte[] frame = RawConnection.frame(opcode, "bad".getBytes(StandardCharsets.UTF_8), true, rsvBits, masked);
		try (RawWebSocketServer server = RawWebSocketServer
			.start(RawWebSocketServer.afterHandshake((connection) -> connection.write(frame)))) {
			Recorder recorder = new Recorder();
			connect(server.url("/"), recorder);
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> recorder.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			assertThat(recorder.messages).isEmpty();
		}
	}

	@Test
	void awaitClientClosedDetectsCloseAndTimesOut() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
		}); Socket client = connectTcp(server)) {
			RawConnection connection = server.awaitConnection(TIMEOUT);
			assertThat(connection.awaitClientClosed(Duration.ofMillis(100))).isFalse();
			client.close();
			assertThat(connection.awaitClientClosed(TIMEOUT)).isTrue();
		}
	}

	@Test
	@Timeout(10)
	void awaitClientClosedTimesOutWhileTheScriptIsBlockedReading() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			Recorder recorder = new Recorder();
			WebSocket webSocket = connect(server.url("/echo"), recorder);
			RawConnection connection = server.awaitConnection(TIMEOUT);
			assertThat(connection.awaitClientClosed(Duration.ofMillis(100))).isFalse();
			webSocket.sendText("still open", true).get();
			assertThat(recorder.nextMessage()).isEqualTo("still open");
		}
	}

	@Test
	void abortTcpResetsTheConnection() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start(RawConnection::abortTcp);
				Socket client = connectTcp(server)) {
			InputStream in = client.getInputStream();
			assertThatExceptionOfType(SocketException.class).isThrownBy(in::read);
		}
	}

	@Test
	void recordsScriptFailuresClosesTheirConnectionAndKeepsAccepting() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
			throw new IllegalStateException("boom");
		}); Socket first = connectTcp(server); Socket second = connectTcp(server)) {
			assertThat(first.getInputStream().read()).isEqualTo(-1);
			assertThat(second.getInputStream().read()).isEqualTo(-1);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.failures()).hasSize(2)
				.allSatisfy((failure) -> assertThat(failure).hasMessage("boom")));
			assertThat(server.connections()).hasSize(2);
		}
	}

	@Test
	void awaitConnectionReturnsConnectionsInOrderAndFailsWhenNoneArrives() throws Exception {
		try (RawWebSocketServer server = RawWebSocketServer.start((connection) -> {
		}); Socket first = connectTcp(server); Socket second = connectTcp(server)) {
			RawConnection one = server.awaitConnection(TIMEOUT);
			RawConnection two = server.awaitConnection(TIMEOUT);
			assertThat(server.connections()).containsExactly(one, two);
			assertThat(one.socket().getPort()).isEqualTo(first.getLocalPort());
			assertThat(two.socket().getPort()).isEqualTo(second.getLocalPort());
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> server.awaitConnection(Duration.ofMillis(100)));
		}
	}

	private WebSocket connect(String url, Recorder recorder) throws Exception {
		return client.newWebSocketBuilder()
			.buildAsync(URI.create(url), recorder)
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private static Socket connectTcp(RawWebSocketServer server) throws Exception {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
		return socket;
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/**
	 * Collects complete messages ({@code String} or {@code byte[]}) and the close status.
	 */
	private static final class Recorder implements WebSocket.Listener {

		private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<String> closed = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.messages.add(this.binary.toByteArray());
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		Object nextMessage() throws InterruptedException {
			Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			assertThat(message).as("message received within %s", TIMEOUT).isNotNull();
			return message;
		}

	}

}
