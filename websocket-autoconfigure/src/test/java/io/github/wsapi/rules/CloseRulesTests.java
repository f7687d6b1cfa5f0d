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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.github.wsapi.DOMException;
import io.github.wsapi.WebSocket;
import io.github.wsapi.rules.RuleFixtures.GatedExecutor;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawConnection.Message;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.RawWebSocketServer.Script;
import io.github.wsapi.testserver.SpringTestServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.wsapi.rules.RuleFixtures.QUIET;
import static io.github.wsapi.rules.RuleFixtures.awaitPong;
import static io.github.wsapi.rules.RuleFixtures.options;
import static io.github.wsapi.rules.RuleFixtures.ping;
import static io.github.wsapi.rules.Transcript.OPENED;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.rules.Transcript.closeLine;
import static io.github.wsapi.testserver.RawWebSocketServer.neverAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.7 of the WebSocket rules: {@code close(code, reason)} validates its
 * arguments first, whatever the state, has no side effect when it throws, and then acts by
 * state (nothing once CLOSING or CLOSED, fail while CONNECTING, start the closing
 * handshake while OPEN) and waits for the peer before reporting {@code close}.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class CloseRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// K1

	static Stream<Arguments> invalidCodesInEveryState() {
		return Stream.of(State.values())
			.flatMap((state) -> Stream
				.of(0, 500, 999, 1001, 1005, 1006, 1015, 2999, 5000, 65535, 65536 + 1000, -1, Integer.MIN_VALUE,
						Integer.MAX_VALUE)
				.map((code) -> Arguments.of(state, code)));
	}

	@ParameterizedTest(name = "{0}: close({1})")
	@MethodSource("invalidCodesInEveryState")
	void closeWithCodeOutside1000And3000To4999ThrowsInvalidAccessErrorInEveryStateWithoutSideEffects(State state,
			int code) throws Exception {
		try (Subject subject = new Subject(state)) {
			assertInvalidAccessError(() -> subject.socket.close(code));
			assertInvalidAccessError(() -> subject.socket.close(code, "reason"));
			assertInvalidAccessError(() -> subject.socket.close(code, null));
			subject.assertUntouched();
		}
	}

	@ParameterizedTest(name = "close({0})")
	@ValueSource(ints = { 1000, 3000, 4999 })
	void closeAccepts1000And3000To4999AndTheEchoingServerReturnsTheCode(int code) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<Object> afterClose = closeInOnopen(socket, () -> socket.close(code));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(code, "", true));
		assertThat(afterClose).containsExactly(WebSocket.CLOSING);
	}

	static Stream<Arguments> validCodesWhenClosingOrClosed() {
		return Stream.of(State.CLOSING, State.CLOSED)
			.flatMap((state) -> Stream.of(1000, 3000, 4999).map((code) -> Arguments.of(state, code)));
	}

	@ParameterizedTest(name = "{0}: close({1})")
	@MethodSource("validCodesWhenClosingOrClosed")
	void closeWithValidCodeWhenClosingOrClosedDoesNotThrowAndDoesNothing(State state, int code) throws Exception {
		try (Subject subject = new Subject(state)) {
			assertThatNoException().isThrownBy(() -> subject.socket.close(code, "again"));
			assertThatNoException().isThrownBy(() -> subject.socket.close(code));
			assertThatNoException().isThrownBy(subject.socket::close);
			subject.assertUntouched();
			subject.transcript.assertNothingMoreHappens(2);
		}
	}

	// K2

	static Stream<Arguments> reasonsOf123Bytes() {
		return Stream.of(Arguments.of("123 ASCII chars", "a".repeat(123), "a".repeat(123)),
				Arguments.of("61 x e-acute + 1 ASCII char", "é".repeat(61) + "a", "é".repeat(61) + "a"),
				Arguments.of("30 surrogate pairs + 3 ASCII chars", "😀".repeat(30) + "abc",
						"😀".repeat(30) + "abc"),
				Arguments.of("41 lone surrogates, sent as U+FFFD", "\uD800".repeat(41), "\uFFFD".repeat(41)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("reasonsOf123Bytes")
	void closeReasonOfAtMost123BytesIsSentAfterTheCode(String description, String reason, String sent)
			throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			awaitOpen(transcript);
			socket.close(3000, reason);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, sent, true));
			byte[] sentBytes = sent.getBytes(StandardCharsets.UTF_8);
			assertThat(sentBytes).hasSize(123);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(closePayload(3000, sentBytes)));
		}
	}

	static Stream<Arguments> reasonsOver123BytesInEveryState() {
		return Stream.of(State.values())
			.flatMap((state) -> Stream.of(Arguments.of(state, "124 ASCII chars", "a".repeat(124)),
					Arguments.of(state, "62 x e-acute", "é".repeat(62)),
					Arguments.of(state, "31 surrogate pairs", "😀".repeat(31)),
					Arguments.of(state, "42 lone surrogates (126 bytes as U+FFFD)", "\uD800".repeat(42))));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("reasonsOver123BytesInEveryState")
	void closeReasonOver123BytesThrowsSyntaxErrorInEveryStateWithoutSideEffects(State state, String description,
			String reason) throws Exception {
		try (Subject subject = new Subject(state)) {
			assertSyntaxError(() -> subject.socket.close(1000, reason));
			assertSyntaxError(() -> subject.socket.close(4999, reason));
			subject.assertUntouched();
		}
	}

	@Test
	void closeChecksTheCodeBeforeTheReason() throws Exception {
		try (Subject subject = new Subject(State.OPEN)) {
			assertInvalidAccessError(() -> subject.socket.close(999, "a".repeat(124)));
			subject.assertUntouched();
		}
	}

	// K4: CLOSING and CLOSED

	@Test
	void closeWhileClosingOrClosedDoesNothing() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer
			.start(RawWebSocketServer.afterHandshake(CloseRulesTests::echoCloseAfterQuietPeriod))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> afterClose = closeInOnopen(socket, () -> {
				socket.close(3000, "first");
				socket.close();
				socket.close(1000, "second");
			});
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, "first", true));
			assertThat(afterClose).containsExactly(WebSocket.CLOSING);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).as("Close frames sent")
				.singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(closePayload(3000, "first")));
			socket.close();
			socket.close(4000, "third");
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
			transcript.assertNothingMoreHappens(2);
		}
	}

	@Test
	void closeInsideOncloseKeepsReadyStateClosedAndFiresNothing() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<Object> nested = new CopyOnWriteArrayList<>();
		socket.onclose((event) -> {
			try {
				socket.close();
				socket.close(1000);
				socket.close(3000, "nested");
				nested.add(socket.readyState());
			}
			catch (RuntimeException ex) {
				nested.add(ex);
			}
		});
		awaitOpen(transcript);
		socket.close(1000);
		assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1000, "", true));
		await().atMost(TIMEOUT).until(() -> !nested.isEmpty());
		assertThat(nested).containsExactly(WebSocket.CLOSED);
		transcript.assertNothingMoreHappens(2);
	}

	// K4: CONNECTING

	@Test
	void closeWhileConnectingSetsClosingAtOnceThenFiresErrorAndClose1006AfterItReturned() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT));
				GatedExecutor events = new GatedExecutor()) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(events));
			Transcript transcript = Transcript.of(socket);
			RawConnection connection = peer.awaitConnection(TIMEOUT);
			socket.close(3000, "not used");
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
			assertThat(transcript.lines()).as("events fired inside close()").isEmpty();
			events.open();
			assertThat(transcript.awaitClose()).containsExactly("error rs=3", closeLine(1006, "", false));
			assertThat(connection.awaitClientClosed(TIMEOUT)).as("TCP connection dropped").isTrue();
			assertThat(closeFrames(connection)).isEmpty();
			transcript.assertNothingMoreHappens(2);
		}
	}

	@Test
	void closeWhileReadyStateIsConnectingFailsEvenIfTheHandshakeAlreadySucceededOnTheNetwork() throws Exception {
		CountDownLatch established = new CountDownLatch(1);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(ping());
			awaitPong(connection);
			established.countDown();
			connection.awaitClientClosed(TIMEOUT);
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script); GatedExecutor events = new GatedExecutor()) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(events));
			Transcript transcript = Transcript.of(socket);
			assertThat(established.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("client answered a ping")
				.isTrue();
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			socket.close();
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
			events.open();
			assertThat(transcript.awaitClose()).containsExactly("error rs=3", closeLine(1006, "", false));
			transcript.assertNothingMoreHappens(2);
		}
	}

	// K4: OPEN

	@Test
	void closeWithoutCodeSendsCloseFrameWithEmptyBody() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> afterClose = closeInOnopen(socket, socket::close);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1005, "", true));
			assertThat(afterClose).containsExactly(WebSocket.CLOSING);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEmpty());
		}
	}

	@Test
	void closeWithCodeSendsCloseFrameWithOnlyTheCode() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> afterClose = closeInOnopen(socket, () -> socket.close(3000));
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, "", true));
			assertThat(afterClose).containsExactly(WebSocket.CLOSING);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).containsExactly(0x0B, 0xB8));
		}
	}

	@Test
	void closeWithCodeAndReasonSendsCloseFrameWithTheCodeThenTheUtf8Reason() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> afterClose = closeInOnopen(socket, () -> socket.close(4999, "héllo 😀"));
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(4999, "héllo 😀", true));
			assertThat(afterClose).containsExactly(WebSocket.CLOSING);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(closePayload(4999, "héllo 😀")));
		}
	}

	@Test
	void closeAfterTheServersCloseArrivedSendsNothingNewAndReportsTheServersCodeAndReason() throws Exception {
		CountDownLatch clientReplied = new CountDownLatch(1);
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			connection.write(RawConnection.textFrame("x"), RawConnection.closeFrame(1001, "PASS"));
			connection.readUntilClose();
			clientReplied.countDown();
			connection.awaitClientClosed(QUIET);
			connection.closeTcp();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Object> inListener = new CopyOnWriteArrayList<>();
			socket.onmessage((event) -> {
				try {
					// the engine has answered the server's Close: the closing handshake started
					inListener.add(clientReplied.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
					inListener.add(socket.readyState());
					socket.close(3000, "mine");
					inListener.add(socket.readyState());
				}
				catch (Exception ex) {
					inListener.add(ex);
				}
			});
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:x",
					closeLine(1001, "PASS", true));
			assertThat(inListener).containsExactly(true, WebSocket.OPEN, WebSocket.CLOSING);
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).as("Close frames sent")
				.singleElement()
				.satisfies((frame) -> assertThat(frame.closeReason()).isNotEqualTo("mine"));
		}
	}

	// K5

	@Test
	void closeEventWaitsForTheServersDelayedClose() throws Exception {
		Script script = (connection) -> {
			connection.acceptHandshake(connection.readHandshake());
			Message close = connection.readUntilClose();
			// the peer's own delay (WPT Close-delayed), not a wait for an event
			Thread.sleep(1000);
			connection.write(RawConnection.frame(RawConnection.CLOSE, close.payload(), true));
			connection.closeTcp();
		};
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			AtomicLong closedAt = new AtomicLong();
			socket.onclose((event) -> closedAt.set(System.nanoTime()));
			awaitOpen(transcript);
			long closeCalledAt = System.nanoTime();
			socket.close(3000, "slow");
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(3000, "slow", true));
			await().atMost(TIMEOUT).until(() -> closedAt.get() != 0);
			assertThat(Duration.ofNanos(closedAt.get() - closeCalledAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		}
	}

	// K6

	@Test
	void closeWithoutArgumentsGivesCleanClose() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		awaitOpen(transcript);
		socket.close();
		List<String> lines = transcript.awaitClose();
		assertThat(lines).hasSize(2).startsWith(OPENED);
		assertThat(lines.get(1)).startsWith("close rs=3 ").endsWith(" clean=true");
	}

	@Test
	void tryWithResourcesClosesLikeCloseWithoutArguments() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(RawWebSocketServer.echo())) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			try (socket) {
				awaitOpen(transcript);
			}
			assertThat(socket.readyState()).isIn(WebSocket.CLOSING, WebSocket.CLOSED);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, closeLine(1005, "", true));
			assertThat(closeFrames(peer.awaitConnection(TIMEOUT))).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEmpty());
		}
	}

	@Test
	void tryWithResourcesWhileConnectingFailsTheConnection() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			try (socket) {
				peer.awaitConnection(TIMEOUT);
			}
			assertThat(socket.readyState()).isIn(WebSocket.CLOSING, WebSocket.CLOSED);
			assertThat(transcript.awaitClose()).containsExactly("error rs=3", closeLine(1006, "", false));
		}
	}

	// Helpers

	/**
	 * Wait until the first event was dispatched and assert that it was {@code open}.
	 */
	static void awaitOpen(Transcript transcript) {
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> !transcript.lines().isEmpty());
		assertThat(transcript.lines()).first().as("first event").isEqualTo(OPENED);
	}

	/**
	 * Run {@code close} in the {@code onopen} handler and return the readyState seen right
	 * after it returned. Inside a listener no other event of the socket can run, so the
	 * close task cannot overtake the check as it can on another thread.
	 */
	static List<Object> closeInOnopen(WebSocket socket, Runnable close) {
		List<Object> afterClose = new CopyOnWriteArrayList<>();
		socket.onopen((event) -> {
			try {
				close.run();
				afterClose.add(socket.readyState());
			}
			catch (RuntimeException ex) {
				afterClose.add(ex);
			}
		});
		return afterClose;
	}

	private static void assertInvalidAccessError(ThrowingCallable call) {
		assertThatExceptionOfType(DOMException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("InvalidAccessError"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(15));
	}

	private static void assertSyntaxError(ThrowingCallable call) {
		assertThatExceptionOfType(DOMException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("SyntaxError"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(12));
	}

	static List<Frame> closeFrames(RawConnection connection) {
		return connection.framesReceived().stream().filter((frame) -> frame.opcode() == RawConnection.CLOSE).toList();
	}

	static byte[] closePayload(int code, String reason) {
		return closePayload(code, reason.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] closePayload(int code, byte[] reason) {
		return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
	}

	/**
	 * Read the client's Close, record any further frame for a while, then echo the Close
	 * and close the TCP connection.
	 */
	private static void echoCloseAfterQuietPeriod(RawConnection connection) throws Exception {
		Message close = connection.readUntilClose();
		connection.awaitClientClosed(QUIET);
		connection.write(RawConnection.frame(RawConnection.CLOSE, close.payload(), true));
		connection.closeTcp();
	}

	/**
	 * The state a socket is brought to before an invalid {@code close()}.
	 */
	enum State {

		CONNECTING, OPEN, CLOSING, CLOSED

	}

	/**
	 * A socket to a raw echo peer that holds back its handshake response and its reply to
	 * the client's Close frame until {@link #assertUntouched()}, so that the socket can be
	 * observed in any state without racing its events.
	 */
	private static final class Subject implements AutoCloseable {

		private final State state;

		private final CountDownLatch release = new CountDownLatch(1);

		private final CountDownLatch releaseCloseReply = new CountDownLatch(1);

		private final RawWebSocketServer peer;

		final WebSocket socket;

		final Transcript transcript;

		Subject(State state) throws Exception {
			this.state = state;
			this.peer = RawWebSocketServer.start((connection) -> {
				HandshakeRequest request = connection.readHandshake();
				awaitRelease(this.release);
				connection.acceptHandshake(request);
				Message close = connection.readUntilClose();
				awaitRelease(this.releaseCloseReply);
				if (state == State.CLOSING) {
					// record any Close frame the client sent while CLOSING
					connection.awaitClientClosed(Duration.ofMillis(50));
				}
				connection.write(RawConnection.frame(RawConnection.CLOSE, close.payload(), true));
				connection.closeTcp();
			});
			if (state != State.CLOSING) {
				this.releaseCloseReply.countDown();
			}
			this.socket = new WebSocket(this.peer.url("/"));
			this.transcript = Transcript.of(this.socket);
			if (state == State.CONNECTING) {
				this.peer.awaitConnection(TIMEOUT);
				assertThat(this.socket.readyState()).isEqualTo(WebSocket.CONNECTING);
				return;
			}
			this.release.countDown();
			awaitOpen(this.transcript);
			if (state == State.CLOSING) {
				this.socket.close(1000);
				assertThat(this.socket.readyState()).isEqualTo(WebSocket.CLOSING);
			}
			if (state == State.CLOSED) {
				this.socket.close(1000);
				assertThat(this.transcript.awaitClose()).containsExactly(OPENED, closeLine(1000, "", true));
			}
		}

		/**
		 * Assert that the socket is still in its state and then behaves as if nothing had
		 * happened: a CONNECTING socket opens without an error, an OPEN one closes
		 * normally, a CLOSING one completes the handshake it started, and the peer
		 * received one Close frame, the first one.
		 */
		void assertUntouched() throws Exception {
			switch (this.state) {
				case CONNECTING -> {
					assertThat(this.socket.readyState()).isEqualTo(WebSocket.CONNECTING);
					assertThat(this.transcript.lines()).isEmpty();
					this.release.countDown();
					awaitOpen(this.transcript);
					this.socket.close(1000);
				}
				case OPEN -> {
					assertThat(this.socket.readyState()).isEqualTo(WebSocket.OPEN);
					assertThat(this.transcript.lines()).containsExactly(OPENED);
					this.socket.close(1000);
				}
				case CLOSING -> {
					assertThat(this.socket.readyState()).isEqualTo(WebSocket.CLOSING);
					assertThat(this.transcript.lines()).containsExactly(OPENED);
					this.releaseCloseReply.countDown();
				}
				case CLOSED -> assertThat(this.socket.readyState()).isEqualTo(WebSocket.CLOSED);
			}
			assertThat(this.transcript.awaitClose()).containsExactly(OPENED, closeLine(1000, "", true));
			assertThat(closeFrames(this.peer.connections().get(0))).as("Close frames sent")
				.singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(closePayload(1000, "")));
		}

		private static void awaitRelease(CountDownLatch latch) throws InterruptedException {
			if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Never released by the test");
			}
		}

		@Override
		public void close() {
			this.peer.close();
		}

	}

}
