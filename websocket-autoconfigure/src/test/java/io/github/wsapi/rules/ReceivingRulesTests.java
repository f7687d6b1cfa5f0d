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

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.wsapi.Blob;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.rules.RuleFixtures.GatedExecutor;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.RawWebSocketServer.Script;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

import static io.github.wsapi.rules.RuleFixtures.awaitPong;
import static io.github.wsapi.rules.RuleFixtures.options;
import static io.github.wsapi.rules.RuleFixtures.ping;
import static io.github.wsapi.rules.Transcript.CLOSED_1000;
import static io.github.wsapi.rules.Transcript.FAILED_CLOSE;
import static io.github.wsapi.rules.Transcript.OPENED;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.8 of the WebSocket rules: receiving messages and {@code binaryType}.
 * Only {@code "blob"} and {@code "arraybuffer"} are accepted; each message is built when
 * its task runs, from the {@code binaryType} of that moment, and dropped if the socket is
 * no longer OPEN; {@code origin} is the socket URL's origin; messages of any length,
 * fragmented or not, arrive whole.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class ReceivingRulesTests {

	private static final int MIB = 1024 * 1024;

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// M1

	@Test
	void binaryTypeIsBlobByDefault() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		assertThat(socket.binaryType()).isEqualTo("blob");
		awaitOpen(socket);
		assertThat(socket.binaryType()).isEqualTo("blob");
		socket.close();
		transcript.awaitClose();
	}

	@Test
	void binaryTypeAcceptsArraybufferAndBlob() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.binaryType("arraybuffer");
		assertThat(socket.binaryType()).isEqualTo("arraybuffer");
		socket.binaryType("blob");
		assertThat(socket.binaryType()).isEqualTo("blob");
		awaitOpen(socket);
		socket.binaryType("arraybuffer");
		assertThat(socket.binaryType()).isEqualTo("arraybuffer");
		socket.close();
		transcript.awaitClose();
	}

	@ParameterizedTest(name = "binaryType(\"{0}\")")
	@NullSource
	@ValueSource(strings = { "", "Blob", "BLOB", "ARRAYBUFFER", "ArrayBuffer", " blob", "arraybuffer ", "text" })
	void binaryTypeIgnoresAnyOtherValueWhenBlob(String value) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		assertThatNoException().isThrownBy(() -> socket.binaryType(value));
		assertThat(socket.binaryType()).isEqualTo("blob");
		socket.close();
		transcript.awaitClose();
	}

	@ParameterizedTest(name = "binaryType(\"{0}\")")
	@NullSource
	@ValueSource(strings = { "", "Blob", "BLOB", "ARRAYBUFFER", "ArrayBuffer", " blob", "arraybuffer ", "text" })
	void binaryTypeIgnoresAnyOtherValueWhenArraybuffer(String value) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.binaryType("arraybuffer");
		assertThatNoException().isThrownBy(() -> socket.binaryType(value));
		assertThat(socket.binaryType()).isEqualTo("arraybuffer");
		socket.close();
		transcript.awaitClose();
	}

	// M2

	@Test
	void textMessageIsDeliveredAsString() throws Exception {
		String text = "héllo wörld 😀 \u0000 end";
		assertThat(echo(text, "blob")).isInstanceOf(String.class).isEqualTo(text);
	}

	@Test
	void binaryMessageWithBinaryTypeBlobIsDeliveredAsBlobOfExactSize() throws Exception {
		byte[] bytes = randomBytes(1000);
		assertThat(echo(bytes, "blob")).isInstanceOfSatisfying(Blob.class, (blob) -> {
			assertThat(blob.size()).isEqualTo(1000);
			assertThat(blob.bytes()).isEqualTo(bytes);
		});
	}

	@Test
	void binaryMessageWithBinaryTypeArraybufferIsDeliveredAsReadOnlyByteBuffer() throws Exception {
		byte[] bytes = randomBytes(1000);
		assertThat(echo(bytes, "arraybuffer")).isInstanceOfSatisfying(ByteBuffer.class, (buffer) -> {
			assertThat(buffer.isReadOnly()).isTrue();
			assertThat(bytesOf(buffer)).isEqualTo(bytes);
		});
	}

	@Test
	void binaryTypeIsReadWhenTheMessageIsDispatchedNotWhenItIsReceived() throws Exception {
		CountDownLatch receivedBoth = new CountDownLatch(1);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(RawConnection.binaryFrame(new byte[] { 1, 2, 3 }),
					RawConnection.binaryFrame(new byte[] { 4, 5, 6, 7, 8 }), ping());
			awaitPong(connection);
			receivedBoth.countDown();
			connection.echoUntilClose();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script); GatedExecutor events = new GatedExecutor()) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(events));
			Transcript transcript = Transcript.of(socket);
			List<Object> data = new CopyOnWriteArrayList<>();
			socket.onmessage((event) -> {
				data.add(event.data());
				if (data.size() == 1) {
					socket.binaryType("arraybuffer");
				}
				else {
					socket.close(1000);
				}
			});
			assertThat(receivedBoth.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("client received both messages and answered the ping")
				.isTrue();
			events.open();
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 blob:3",
					"message rs=1 arraybuffer:5", CLOSED_1000);
			assertThat(((Blob) data.get(0)).bytes()).containsExactly(1, 2, 3);
			assertThat(bytesOf((ByteBuffer) data.get(1))).containsExactly(4, 5, 6, 7, 8);
		}
	}

	@Test
	void messagesStillQueuedWhenCloseIsCalledAreDropped() throws Exception {
		CountDownLatch receivedAll = new CountDownLatch(1);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(RawConnection.textFrame("one"), RawConnection.textFrame("two"),
					RawConnection.binaryFrame(new byte[] { 3 }), ping());
			awaitPong(connection);
			receivedAll.countDown();
			connection.echoUntilClose();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script); GatedExecutor events = new GatedExecutor()) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(events));
			Transcript transcript = Transcript.of(socket);
			socket.onmessage((event) -> socket.close(1000));
			assertThat(receivedAll.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
				.as("client received all messages and answered the ping")
				.isTrue();
			events.open();
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:one", CLOSED_1000);
		}
	}

	// M3

	@Test
	void messageOriginIsTheSerializedOriginOfTheSocketUrl() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo?query=1"));
		MessageEvent event = firstEcho(socket);
		assertThat(event.origin()).isEqualTo("ws://127.0.0.1:" + server.port());
		assertThat(event.lastEventId()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "ws://127.0.0.1:80/echo", "ws://127.0.0.1/echo", "http://127.0.0.1:80/echo",
			"WS://127.0.0.1:80/echo" })
	void messageOriginOmitsTheDefaultPort(String url) throws Exception {
		// the URL keeps port 80; only the transport is pointed at the test server's port
		WebSocketOptions options = WebSocketOptions.builder().transport(redirectingTo(server.port())).build();
		WebSocket socket = new WebSocket(url, List.of(), options);
		assertThat(socket.url()).isEqualTo("ws://127.0.0.1/echo");
		MessageEvent event = firstEcho(socket);
		assertThat(event.origin()).isEqualTo("ws://127.0.0.1");
	}

	// M4

	static Stream<Arguments> textLengths() {
		return Stream.of(0, 1, 125, 126, 127, 65535, 65536, 65537, 65000, 100_000)
			.map((length) -> Arguments.of(length, "x".repeat(length)));
	}

	@ParameterizedTest(name = "{0} ASCII chars")
	@MethodSource("textLengths")
	void textMessagesOfEveryLengthRoundTrip(int length, String text) throws Exception {
		assertThat(echo(text, "blob")).isEqualTo(text);
	}

	@Test
	void textMessageOf65000MultiByteCharsRoundTrips() throws Exception {
		StringBuilder text = new StringBuilder();
		String alphabet = "aé€😀";
		while (text.length() < 65000) {
			text.append(alphabet);
		}
		String message = text.substring(0, 65000);
		assertThat(echo(message, "blob")).isEqualTo(message);
	}

	static Stream<Arguments> binaryLengths() {
		return Stream.of("blob", "arraybuffer")
			.flatMap((binaryType) -> Stream.of(0, 1, 125, 126, 127, 65535, 65536, 65537, 100_000)
				.map((length) -> Arguments.of(binaryType, length)));
	}

	@ParameterizedTest(name = "{0}: {1} bytes")
	@MethodSource("binaryLengths")
	void binaryMessagesOfEveryLengthRoundTrip(String binaryType, int length) throws Exception {
		byte[] bytes = randomBytes(length);
		Object data = echo(bytes, binaryType);
		byte[] received = (data instanceof Blob blob) ? blob.bytes() : bytesOf((ByteBuffer) data);
		assertThat(received).hasSize(length);
		assertThat(Arrays.equals(received, bytes)).as("same bytes").isTrue();
	}

	@Test
	void textMessageOf16MiBRoundTrips() throws Exception {
		char[] chars = new char[16 * MIB];
		Random random = new Random(16);
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) ('a' + random.nextInt(26));
		}
		String text = new String(chars);
		assertThat(echo(text, "blob")).isEqualTo(text);
	}

	@Test
	void binaryMessageOf16MiBRoundTrips() throws Exception {
		byte[] bytes = randomBytes(16 * MIB);
		Object data = echo(bytes, "arraybuffer");
		assertThat(Arrays.equals(bytesOf((ByteBuffer) data), bytes)).as("same bytes").isTrue();
	}

	@Test
	void fragmentedMessagesAreReassembledAcrossSplitUtf8SequencesAndInterleavedPings() throws Exception {
		String text = "héllo wörld 😀!";
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		int insideEAcute = 2;
		int insideEmoji = "héllo wörld ".getBytes(StandardCharsets.UTF_8).length + 2;
		byte[] binary = randomBytes(300);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			// one write per frame for the text, all frames in one write for the binary
			connection.write(RawConnection.frame(RawConnection.TEXT, Arrays.copyOfRange(utf8, 0, insideEAcute), false));
			connection.write(RawConnection.frame(RawConnection.CONTINUATION,
					Arrays.copyOfRange(utf8, insideEAcute, insideEmoji), false));
			connection.write(ping());
			connection.write(RawConnection.frame(RawConnection.CONTINUATION, new byte[0], false));
			connection.write(RawConnection.frame(RawConnection.CONTINUATION,
					Arrays.copyOfRange(utf8, insideEmoji, utf8.length), true));
			connection.write(RawConnection.frame(RawConnection.BINARY, Arrays.copyOfRange(binary, 0, 1), false),
					ping(), RawConnection.frame(RawConnection.CONTINUATION, Arrays.copyOfRange(binary, 1, 200), false),
					RawConnection.frame(RawConnection.PONG, new byte[0], true),
					RawConnection.frame(RawConnection.CONTINUATION, Arrays.copyOfRange(binary, 200, 300), true));
			connection.echoUntilClose();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> data = new CopyOnWriteArrayList<>();
			socket.onmessage((event) -> {
				data.add(event.data());
				if (data.size() == 2) {
					socket.close(1000);
				}
			});
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:" + text,
					"message rs=1 blob:300", CLOSED_1000);
			assertThat(data.get(0)).isEqualTo(text);
			assertThat(((Blob) data.get(1)).bytes()).isEqualTo(binary);
		}
	}

	static Stream<Arguments> messagesOver1024Bytes() {
		byte[] bytes = randomBytes(1025);
		return Stream.of(Arguments.of("binary of 1025 bytes", List.of(RawConnection.binaryFrame(bytes))),
				Arguments.of("text of 1025 ASCII chars", List.of(RawConnection.textFrame("x".repeat(1025)))),
				Arguments.of("text of 600 e-acute (1200 bytes)", List.of(RawConnection.textFrame("é".repeat(600)))),
				Arguments.of("binary of 3 x 400 bytes in fragments",
						List.of(RawConnection.frame(RawConnection.BINARY, Arrays.copyOfRange(bytes, 0, 400), false),
								RawConnection.frame(RawConnection.CONTINUATION, Arrays.copyOfRange(bytes, 400, 800),
										false),
								RawConnection.frame(RawConnection.CONTINUATION, Arrays.copyOfRange(bytes, 800, 1200),
										true))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("messagesOver1024Bytes")
	void messageOverMaxMessageSizeFailsTheConnection(String description, List<byte[]> frames) throws Exception {
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(frames.toArray(byte[][]::new));
			connection.awaitClientClosed(TIMEOUT);
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocketOptions options = WebSocketOptions.builder().maxMessageSize(1024).build();
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options);
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "error rs=3", FAILED_CLOSE);
		}
	}

	@Test
	void messageOfExactlyMaxMessageSizeIsDelivered() throws Exception {
		byte[] bytes = randomBytes(1024);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(RawConnection.binaryFrame(bytes), RawConnection.textFrame("é".repeat(512)));
			connection.echoUntilClose();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocketOptions options = WebSocketOptions.builder().maxMessageSize(1024).build();
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options);
			Transcript transcript = Transcript.of(socket);
			socket.onmessage((event) -> {
				if (event.data() instanceof String) {
					socket.close(1000);
				}
			});
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 blob:1024",
					"message rs=1 text(512 chars)", CLOSED_1000);
		}
	}

	// Helpers

	/**
	 * Send the payload to the echo endpoint and return the echoed data.
	 */
	private static Object echo(Object payload, String binaryType) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		socket.binaryType(binaryType);
		return firstEcho(socket, payload).data();
	}

	private static MessageEvent firstEcho(WebSocket socket) throws Exception {
		return firstEcho(socket, "hello");
	}

	private static MessageEvent firstEcho(WebSocket socket, Object payload) throws Exception {
		Transcript transcript = Transcript.of(socket);
		CompletableFuture<MessageEvent> echoed = new CompletableFuture<>();
		socket.onopen((event) -> {
			if (payload instanceof String text) {
				socket.send(text);
			}
			else {
				socket.send((byte[]) payload);
			}
		});
		socket.onmessage((event) -> {
			echoed.complete(event);
			socket.close(1000);
		});
		List<String> lines = transcript.awaitClose();
		assertThat(echoed).as("echo received, events: %s", lines).isDone();
		MessageEvent event = echoed.get();
		assertThat(lines).containsExactly(OPENED, "message rs=1 " + Transcript.describe(event.data()), CLOSED_1000);
		return event;
	}

	private static WebSocketClient redirectingTo(int port) {
		WebSocketClient transport = WebSocketOptions.defaults().transport();
		return new WebSocketClient() {

			@Override
			public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
					Object... uriVariables) {
				throw new UnsupportedOperationException();
			}

			@Override
			public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, WebSocketHttpHeaders headers,
					URI uri) {
				URI redirected = UriComponentsBuilder.fromUri(uri).port(port).build(true).toUri();
				return transport.execute(handler, headers, redirected);
			}

		};
	}

	private static void awaitOpen(WebSocket socket) {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(5))
			.until(() -> socket.readyState() != WebSocket.CONNECTING);
		assertThat(socket.readyState()).as("readyState after the opening handshake").isEqualTo(WebSocket.OPEN);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytesOf(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
