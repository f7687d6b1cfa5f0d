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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.wsapi.Blob;
import io.github.wsapi.DOMException;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.wsapi.rules.RuleFixtures.waitUntil;
import static io.github.wsapi.rules.Transcript.CLOSED_1000;
import static io.github.wsapi.rules.Transcript.FAILED_CLOSE;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.5 of the WebSocket rules: {@code send()} throws
 * {@code InvalidStateError} only while CONNECTING, transmits exactly the given text (with
 * lone surrogates as U+FFFD) or bytes (only the view of a {@link ByteBuffer}), silently
 * drops data once the closing handshake has started while still counting it, fails the
 * connection when the send buffer is full, and never lets {@code close()} overtake data
 * already passed to it.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class SendRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	@BeforeEach
	void forgetEarlierMessages() {
		server.received().clear();
	}

	static Stream<Arguments> payloads() {
		return Stream.of(payload("text", (socket) -> socket.send("hello")),
				payload("empty text", (socket) -> socket.send("")),
				payload("lone high surrogate", (socket) -> socket.send("\uD800")),
				payload("lone low surrogate", (socket) -> socket.send("a\uDC00b")),
				payload("ByteBuffer", (socket) -> socket.send(ByteBuffer.wrap(new byte[] { 1, 2, 3 }))),
				payload("ByteBuffer view", (socket) -> socket.send(ByteBuffer.wrap(new byte[8]).position(2))),
				payload("byte[]", (socket) -> socket.send(new byte[] { 1, 2, 3 })),
				payload("empty byte[]", (socket) -> socket.send(new byte[0])),
				payload("Blob", (socket) -> socket.send(new Blob(new byte[] { 1, 2, 3 }))));
	}

	private static Arguments payload(String name, Consumer<WebSocket> send) {
		return Arguments.of(Named.of(name, send));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("payloads")
	void sendWhileConnectingThrowsInvalidStateErrorAndQueuesNothing(Consumer<WebSocket> send) throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		List<RawConnection.Message> received = new CopyOnWriteArrayList<>();
		RawWebSocketServer.Script script = (connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			answer.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			connection.acceptHandshake(request);
			recordMessagesUntilClose(connection, received);
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			peer.awaitConnection(TIMEOUT);
			assertThatExceptionOfType(DOMException.class).isThrownBy(() -> send.accept(socket)).satisfies((ex) -> {
				assertThat(ex.name()).isEqualTo("InvalidStateError");
				assertThat(ex.code()).isEqualTo(11);
			});
			assertThat(socket.bufferedAmount()).isZero();
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			answer.countDown();
			transcript.awaitLine("open rs=1");
			socket.send("after open");
			socket.close(1000);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", CLOSED_1000);
			awaitCloseReceived(received);
			// the first message the peer got is the one sent after open
			assertThat(received).extracting(RawConnection.Message::opcode)
				.containsExactly(RawConnection.TEXT, RawConnection.CLOSE);
			assertThat(received.get(0).text()).isEqualTo("after open");
		}
	}

	@Test
	void loneSurrogatesArriveAsReplacementCharacters() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			client.socket.send("a\uDC00xb\uD800xc\uDC00\uD800x");
			assertThat(receivedByServer()).isEqualTo("a\uFFFDxb\uFFFDxc\uFFFD\uFFFDx");
		}
	}

	@Test
	void surrogatePairsArriveIntact() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			client.socket.send("\uD801\uDC7E and \uD83D\uDE00");
			Object received = receivedByServer();
			assertThat(received).isEqualTo("\uD801\uDC7E and \uD83D\uDE00");
			assertThat(((String) received).getBytes(StandardCharsets.UTF_8)).hasSize(13);
		}
	}

	@Test
	void byteBufferSendsOnlyTheBytesBetweenPositionAndLimit() throws Exception {
		byte[] eight = { 0, 1, 2, 3, 4, 5, 6, 7 };
		try (Client client = Client.open(server.url("/echo"))) {
			ByteBuffer fromTwo = ByteBuffer.wrap(eight).position(2);
			client.socket.send(fromTwo);
			assertThat((byte[]) receivedByServer()).containsExactly(2, 3, 4, 5, 6, 7);
			assertThat(fromTwo.position()).isEqualTo(2);
			assertThat(fromTwo.limit()).isEqualTo(8);

			ByteBuffer twoToSix = ByteBuffer.wrap(eight).position(2).limit(6);
			client.socket.send(twoToSix);
			assertThat((byte[]) receivedByServer()).containsExactly(2, 3, 4, 5);
			assertThat(twoToSix.position()).isEqualTo(2);
			assertThat(twoToSix.limit()).isEqualTo(6);

			ByteBuffer slice = ByteBuffer.wrap(eight).position(2).slice();
			client.socket.send(slice);
			assertThat((byte[]) receivedByServer()).containsExactly(2, 3, 4, 5, 6, 7);
			assertThat(slice.position()).isZero();

			ByteBuffer direct = ByteBuffer.allocateDirect(8).put(eight).position(2).limit(6);
			client.socket.send(direct.asReadOnlyBuffer());
			assertThat((byte[]) receivedByServer()).containsExactly(2, 3, 4, 5);
			assertThat(direct.position()).isEqualTo(2);
		}
	}

	@Test
	void byteArraySendsAllItsBytes() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			client.socket.send(new byte[] { 0, 1, (byte) 0xFF, 127, (byte) 0x80 });
			assertThat((byte[]) receivedByServer()).containsExactly(0, 1, 0xFF, 127, 0x80);
		}
	}

	@Test
	void blobOf65000ZeroBytesArrivesWhole() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			client.socket.send(new Blob(new byte[65_000]));
			assertThat((byte[]) receivedByServer()).hasSize(65_000).containsOnly(0);
		}
	}

	@Test
	void emptyTextAndEmptyBinaryArriveAsEmptyMessages() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			client.socket.send("");
			client.socket.send(new byte[0]);
			client.socket.send(ByteBuffer.allocate(0));
			client.socket.send(new Blob());
			assertThat(receivedByServer()).isEqualTo("");
			assertThat((byte[]) receivedByServer()).isEmpty();
			assertThat((byte[]) receivedByServer()).isEmpty();
			assertThat((byte[]) receivedByServer()).isEmpty();
		}
	}

	@Test
	void bytesAreCopiedAtSendTime() throws Exception {
		try (Client client = Client.open(server.url("/echo"))) {
			byte[] array = { 1, 2, 3 };
			ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 4, 5, 6 });
			client.socket.send(array);
			client.socket.send(buffer);
			Arrays.fill(array, (byte) 9);
			buffer.put(0, (byte) 9).put(1, (byte) 9).put(2, (byte) 9);
			assertThat((byte[]) receivedByServer()).containsExactly(1, 2, 3);
			assertThat((byte[]) receivedByServer()).containsExactly(4, 5, 6);
		}
	}

	@Test
	void sendIncreasesBufferedAmountSynchronouslyByTheBytesItWillSend() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		CompletableFuture<List<Long>> increments = new CompletableFuture<>();
		socket.addEventListener("open", (event) -> {
			List<Consumer<WebSocket>> sends = List.of((s) -> s.send("x"), (s) -> s.send("\u00e5"),
					(s) -> s.send("\u5336"), (s) -> s.send("\uD801\uDC7E"), (s) -> s.send("\u00a5".repeat(6)),
					(s) -> s.send("\uD800"), (s) -> s.send(new byte[7]),
					(s) -> s.send(new Blob(new byte[] { 1, 2, 3, 4, 5 })),
					(s) -> s.send(ByteBuffer.wrap(new byte[8]).position(2)),
					(s) -> s.send(ByteBuffer.wrap(new byte[8]).position(2).limit(6)), (s) -> s.send(""),
					(s) -> s.send(new byte[0]));
			Long[] deltas = new Long[sends.size()];
			for (int i = 0; i < deltas.length; i++) {
				long before = socket.bufferedAmount();
				sends.get(i).accept(socket);
				deltas[i] = socket.bufferedAmount() - before;
			}
			increments.complete(List.of(deltas));
			socket.close(1000);
		});
		assertThat(increments.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(1L, 2L, 3L, 4L, 12L,
				3L, 7L, 5L, 6L, 4L, 0L, 0L);
		transcript.awaitClose();
	}

	@Test
	void sendRightAfterCloseDoesNotThrowNorTransmitButCountsTheBytes() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(SendRulesTests::recordAfterCloseThenEchoClose)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			transcript.awaitLine("open rs=1");
			socket.close();
			socket.send("after close");
			assertThat(socket.bufferedAmount()).isEqualTo(11);
			socket.send(new byte[4]);
			socket.send(new Blob(new byte[5]));
			socket.send(ByteBuffer.allocate(6));
			assertThat(socket.bufferedAmount()).isEqualTo(26);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "close rs=3 code=1005 reason= clean=true");
			RawConnection connection = peer.connections().get(0);
			waitUntil().until(() -> peerDone(connection));
			assertThat(connection.framesReceived()).extracting(Frame::opcode).containsExactly(RawConnection.CLOSE);
			assertNoMoreEvents(transcript, 2);
		}
	}

	@Test
	void sendInsideOncloseDoesNotThrowNorTransmitButCountsTheBytes() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(SendRulesTests::recordAfterCloseThenEchoClose)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			List<Object> seen = new CopyOnWriteArrayList<>();
			socket.onclose((event) -> {
				try {
					long before = socket.bufferedAmount();
					socket.send("in onclose");
					socket.send(new byte[3]);
					seen.add(socket.bufferedAmount() - before);
				}
				catch (Throwable ex) {
					seen.add(ex);
				}
			});
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> socket.close(1000));
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", CLOSED_1000);
			assertThat(seen).containsExactly(13L);
			assertThat(socket.bufferedAmount()).isEqualTo(13);
			RawConnection connection = peer.connections().get(0);
			waitUntil().until(() -> peerDone(connection));
			assertThat(connection.framesReceived()).extracting(Frame::opcode).containsExactly(RawConnection.CLOSE);
			assertNoMoreEvents(transcript, 2);
		}
	}

	@Test
	void sendAfterCloseWhileConnectingDoesNotThrowAndCountsTheBytes() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.close();
		socket.send("abc");
		socket.send(new byte[2]);
		assertThat(socket.bufferedAmount()).isEqualTo(5);
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", FAILED_CLOSE);
		assertThat(socket.bufferedAmount()).isEqualTo(5);
	}

	@Test
	void sendingOneMessageLargerThanMaxBufferedAmountFailsTheConnection() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverRead(release))) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(),
					WebSocketOptions.builder().maxBufferedAmount(1024).build());
			Transcript transcript = Transcript.of(socket);
			transcript.awaitLine("open rs=1");
			socket.send(new byte[1025]);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "error rs=3", FAILED_CLOSE);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void sendingPastMaxBufferedAmountToAPeerThatStopsReadingFailsTheConnection() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverRead(release))) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(),
					WebSocketOptions.builder().maxBufferedAmount(1024).build());
			Transcript transcript = Transcript.of(socket);
			CountDownLatch failed = new CountDownLatch(1);
			socket.addEventListener("error", (event) -> failed.countDown());
			transcript.awaitLine("open rs=1");
			byte[] kilobyte = new byte[1000];
			// far more than the TCP buffers of a loopback connection hold
			for (int i = 0; i < 64_000 && failed.getCount() > 0; i++) {
				socket.send(kilobyte);
			}
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "error rs=3", FAILED_CLOSE);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void sendBuffersAtLeast16MiBByDefaultWithoutFailingTheConnection() throws Exception {
		int count = 16;
		CountDownLatch startReading = new CountDownLatch(1);
		List<RawConnection.Message> received = new CopyOnWriteArrayList<>();
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			startReading.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			recordMessagesUntilClose(connection, received);
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			transcript.awaitLine("open rs=1");
			byte[] mebibyte = new byte[1 << 20];
			for (int i = 0; i < count; i++) {
				mebibyte[0] = (byte) i;
				socket.send(mebibyte);
			}
			socket.close(1000);
			startReading.countDown();
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", CLOSED_1000);
			awaitCloseReceived(received);
			assertThat(received).hasSize(count + 1);
			for (int i = 0; i < count; i++) {
				assertThat(received.get(i).payload()).hasSize(1 << 20).startsWith((byte) i);
			}
		}
		finally {
			startReading.countDown();
		}
	}

	@Test
	void messagesSentBeforeCloseArriveBeforeTheCloseFrame() throws Exception {
		byte[] mebibyte = new byte[1 << 20];
		Arrays.fill(mebibyte, (byte) 'm');
		List<RawConnection.Message> received = new CopyOnWriteArrayList<>();
		try (RawWebSocketServer peer = RawWebSocketServer.start(recordMessages(received))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.addEventListener("open", (event) -> {
				socket.send("one");
				socket.send(new byte[] { 2 });
				socket.send(mebibyte);
				socket.send("four");
				socket.send(ByteBuffer.wrap(mebibyte));
				socket.send("six");
				socket.close(1000, "done");
			});
			assertThat(transcript.awaitClose()).containsExactly("open rs=1",
					"close rs=3 code=1000 reason=done clean=true");
			awaitCloseReceived(received);
			assertThat(received).extracting(RawConnection.Message::opcode)
				.containsExactly(RawConnection.TEXT, RawConnection.BINARY, RawConnection.BINARY, RawConnection.TEXT,
						RawConnection.BINARY, RawConnection.TEXT, RawConnection.CLOSE);
			assertThat(received.get(0).text()).isEqualTo("one");
			assertThat(received.get(1).payload()).containsExactly(2);
			assertThat(received.get(2).payload()).isEqualTo(mebibyte);
			assertThat(received.get(3).text()).isEqualTo("four");
			assertThat(received.get(4).payload()).isEqualTo(mebibyte);
			assertThat(received.get(5).text()).isEqualTo("six");
			assertThat(received.get(6).closeCode()).isEqualTo(1000);
			assertThat(received.get(6).closeReason()).isEqualTo("done");
		}
	}

	@Test
	void manyMessagesSentBeforeCloseArriveInOrderBeforeTheCloseFrame() throws Exception {
		List<RawConnection.Message> received = new CopyOnWriteArrayList<>();
		try (RawWebSocketServer peer = RawWebSocketServer.start(recordMessages(received))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			transcript.awaitLine("open rs=1");
			for (int i = 1; i <= 500; i++) {
				socket.send(Integer.toString(i));
			}
			socket.close();
			assertThat(transcript.awaitClose()).last().isEqualTo("close rs=3 code=1005 reason= clean=true");
			awaitCloseReceived(received);
			List<String> texts = received.stream()
				.map((message) -> (message.opcode() == RawConnection.CLOSE) ? "CLOSE" : message.text())
				.toList();
			List<String> expected = Stream
				.concat(IntStream.rangeClosed(1, 500).mapToObj(Integer::toString), Stream.of("CLOSE"))
				.toList();
			assertThat(texts).isEqualTo(expected);
		}
	}

	/**
	 * Accept the handshake, then {@link #recordMessagesUntilClose record the messages}.
	 */
	private static RawWebSocketServer.Script recordMessages(List<RawConnection.Message> into) {
		return RawWebSocketServer.afterHandshake((connection) -> recordMessagesUntilClose(connection, into));
	}

	/**
	 * Record every message, reassembled, and the Close, then echo the Close and close
	 * TCP.
	 */
	private static void recordMessagesUntilClose(RawConnection connection, List<RawConnection.Message> into)
			throws IOException {
		RawConnection.Message message;
		do {
			message = connection.readMessage();
			into.add(message);
		}
		while (message.opcode() != RawConnection.CLOSE);
		connection.write(RawConnection.frame(RawConnection.CLOSE, message.payload(), true));
		connection.closeTcp();
	}

	/**
	 * Read up to the client's Close, record for a moment whatever the client still sends
	 * after it, then echo the Close and close TCP.
	 */
	private static void recordAfterCloseThenEchoClose(RawConnection connection) throws Exception {
		connection.acceptHandshake(connection.readHandshake());
		RawConnection.Message message = connection.readUntilClose();
		connection.awaitClientClosed(Duration.ofMillis(200));
		connection.write(RawConnection.frame(RawConnection.CLOSE, message.payload(), true));
		connection.closeTcp();
	}

	private static void awaitCloseReceived(List<RawConnection.Message> received) {
		waitUntil().until(() -> received.stream().anyMatch((message) -> message.opcode() == RawConnection.CLOSE));
	}

	private static boolean peerDone(RawConnection connection) {
		return connection.socket().isClosed();
	}

	private static RawWebSocketServer.Script neverRead(CountDownLatch release) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			release.await(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
			connection.abortTcp();
		});
	}

	private static void assertNoMoreEvents(Transcript transcript, int count) {
		await().during(Duration.ofMillis(200))
			.atMost(Duration.ofSeconds(2))
			.until(() -> transcript.lines().size() == count);
	}

	private static Object receivedByServer() throws InterruptedException {
		Object received = server.received().poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(received).as("a message received by the server within %s", TIMEOUT).isNotNull();
		return received;
	}

	/**
	 * An open socket that is closed, and whose close event is awaited, at the end.
	 */
	private static final class Client implements AutoCloseable {

		final WebSocket socket;

		final Transcript transcript;

		private Client(WebSocket socket) {
			this.socket = socket;
			this.transcript = Transcript.of(socket);
		}

		static Client open(String url) {
			Client client = new Client(new WebSocket(url));
			client.transcript.awaitLine("open rs=1");
			return client;
		}

		@Override
		public void close() throws Exception {
			this.socket.close(1000);
			assertThat(this.transcript.awaitClose()).last().asString().startsWith("close rs=3 code=1000");
		}

	}

}
