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

import java.io.EOFException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawWebSocketServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what {@link WebSocket} does beyond the browser, through
 * {@link WebSocketOptions}: reconnect, heartbeat, the bounded send buffer and its
 * overflow policies, {@code sendAsync}, {@code bufferedamountlow}, deferred connect, the
 * handshake customizer and buffering while reconnecting. Every test runs against a real
 * peer on loopback.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class BeyondTheBrowserTests {

	private static final Duration TIMEOUT = EventLog.TIMEOUT;

	private static final String SERVICE_UNAVAILABLE = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void reconnectReturnsTheSameObjectToConnectingAndFiresOpenAndCloseForEveryConnection() {
		AtomicInteger connections = new AtomicInteger();
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			if (connections.incrementAndGet() == 1) {
				connection.write(RawConnection.textFrame("first"));
				restart(connection);
			}
			else {
				connection.write(RawConnection.textFrame("second"));
				connection.echoUntilClose();
			}
		}));
		EventLog log = new EventLog();
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder()
					.reconnect(new FixedBackOff(50, 5))
					.handshakeCustomizer((request) -> log.add("handshake attempt=" + request.attempt()))
					.connectOnCreate(false));
		log.attach(socket);
		socket.connect();
		log.await("message rs=1 text:second", 1);
		socket.close(1000);
		assertThat(log.await("close", 2)).containsExactly("handshake attempt=0", "open rs=1", "message rs=1 text:first",
				"close rs=3 code=1012 clean=true", "handshake attempt=1", "open rs=1", "message rs=1 text:second",
				"close rs=3 code=1000 clean=true");
		assertThat(socket.reconnectAttempts()).isZero();
	}

	@Test
	void readyStateIsConnectingWhileAReconnectAttemptIsUnderWay() {
		AtomicInteger connections = new AtomicInteger();
		RawWebSocketServer server = start((connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			if (connections.incrementAndGet() == 1) {
				connection.acceptHandshake(request);
				restart(connection);
			}
			else {
				// the second attempt is never answered
				connection.readFrame();
			}
		});
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(10, 1)));
		EventLog log = EventLog.of(socket);
		server.awaitConnection(TIMEOUT);
		server.awaitConnection(TIMEOUT);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
		assertThat(socket.reconnectAttempts()).isEqualTo(1);
		assertThat(log.lines()).containsExactly("open rs=1", "close rs=3 code=1012 clean=true");
		socket.close();
		log.await("close", 2);
	}

	@Test
	void reconnectStopsAfterTheMaximumNumberOfAttempts() {
		RawWebSocketServer server = start(RawWebSocketServer.respond(SERVICE_UNAVAILABLE));
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(10, 2)));
		EventLog log = EventLog.of(socket);
		log.await("close", 3);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> server.connections().size() == 3);
		assertThat(log.lines()).containsExactly("error rs=3", "close rs=3 code=1006 clean=false", "error rs=3",
				"close rs=3 code=1006 clean=false", "error rs=3", "close rs=3 code=1006 clean=false");
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
		assertThat(socket.reconnectAttempts()).isEqualTo(2);
	}

	@Test
	void aStopCodeEndsReconnecting() {
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.closeFrame(4001, "Unauthorized"));
			connection.readFrame();
			connection.closeTcp();
		}));
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().reconnect(new FixedBackOff(10, 5)).reconnectStopCodes(Set.of(4001)));
		EventLog log = EventLog.of(socket);
		log.await("close", 1);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> server.connections().size() == 1);
		assertThat(log.lines()).containsExactly("open rs=1", "close rs=3 code=4001 clean=true");
		assertThat(socket.reconnectAttempts()).isZero();
	}

	@Test
	void closeInsideTheCloseListenerEndsReconnecting() {
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake(RawConnection::closeTcp));
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(10, 5)));
		socket.addEventListener(EventType.CLOSE, (event) -> socket.close());
		EventLog log = EventLog.of(socket);
		log.await("close", 1);
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> server.connections().size() == 1);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
	}

	@Test
	void handshakeCustomizerAdjustsEachAttempt() throws Exception {
		List<RawConnection.HandshakeRequest> requests = new CopyOnWriteArrayList<>();
		RawWebSocketServer server = start((connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			requests.add(request);
			switch (requests.size()) {
				case 1 -> {
					connection.acceptHandshake(request);
					restart(connection);
				}
				case 2 -> connection.writeAscii(SERVICE_UNAVAILABLE);
				default -> {
					connection.acceptHandshake(request);
					connection.echoUntilClose();
				}
			}
		});
		WebSocket socket = socket(server.url("/feed?token=initial"),
				WebSocketOptions.builder()
					.header("Authorization", "Bearer initial")
					.reconnect(new FixedBackOff(10, 5))
					.handshakeCustomizer((request) -> {
						request.headers().setBearerAuth("token-" + request.attempt());
						request.uri(URI.create(request.uri().toString().replace("initial", "t" + request.attempt())));
					}));
		EventLog log = EventLog.of(socket);
		log.await("open", 2);
		socket.close();
		log.await("close", 3);
		assertThat(requests).extracting(RawConnection.HandshakeRequest::target)
			.containsExactly("/feed?token=t0", "/feed?token=t1", "/feed?token=t2");
		assertThat(requests).extracting((request) -> request.header("Authorization"))
			.containsExactly("Bearer token-0", "Bearer token-1", "Bearer token-2");
		assertThat(socket.url()).isEqualTo(server.url("/feed?token=initial"));
	}

	@Test
	void messagesSentWhileReconnectingAreSentBeforeTheNextOpenWhenBuffering() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		List<String> secondConnectionReceived = new CopyOnWriteArrayList<>();
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			if (connections.incrementAndGet() == 1) {
				connection.closeTcp();
				return;
			}
			for (RawConnection.Message message = connection.readMessage(); message
				.opcode() != RawConnection.CLOSE; message = connection.readMessage()) {
				secondConnectionReceived.add(message.text());
			}
			connection.write(RawConnection.closeFrame(1000, ""));
			connection.closeTcp();
		}));
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().reconnect(new FixedBackOff(200, 5)).bufferWhileReconnecting(true));
		List<CompletableFuture<Void>> written = new CopyOnWriteArrayList<>();
		List<Long> bufferedAtOpen = new CopyOnWriteArrayList<>();
		socket.addEventListener(EventType.CLOSE, (event) -> {
			if (written.isEmpty()) {
				socket.send("queued while closed");
				written.add(socket.sendAsync("and another"));
			}
		});
		socket.addEventListener(EventType.OPEN, (event) -> bufferedAtOpen.add(socket.bufferedAmount()));
		EventLog log = EventLog.of(socket);
		log.await("open", 2);
		written.get(0).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		await().atMost(TIMEOUT).until(() -> socket.bufferedAmount() == 0);
		socket.close(1000);
		log.await("close", 2);
		assertThat(secondConnectionReceived).containsExactly("queued while closed", "and another");
		assertThat(bufferedAtOpen.get(0)).isZero();
	}

	@Test
	void withoutBufferingSendWhileReconnectingFollowsTheBrowserRules() {
		AtomicInteger connections = new AtomicInteger();
		RawWebSocketServer server = start((connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			if (connections.incrementAndGet() == 1) {
				connection.acceptHandshake(request);
				connection.closeTcp();
			}
			else {
				connection.readFrame();
			}
		});
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(10, 1)));
		List<Long> bufferedAfterSendInClose = new CopyOnWriteArrayList<>();
		socket.addEventListener(EventType.CLOSE, (event) -> {
			socket.send("discarded");
			bufferedAfterSendInClose.add(socket.bufferedAmount());
		});
		EventLog log = EventLog.of(socket);
		log.await("close", 1);
		server.awaitConnection(TIMEOUT);
		server.awaitConnection(TIMEOUT);
		assertThat(bufferedAfterSendInClose).containsExactly(9L);
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> socket.send("while connecting"))
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("InvalidStateError"));
		socket.close();
	}

	@Test
	void bufferedAmountOfALostConnectionIsForgottenWhenReconnecting() {
		AtomicInteger connections = new AtomicInteger();
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			if (connections.incrementAndGet() == 1) {
				connection.closeTcp();
			}
			else {
				connection.echoUntilClose();
			}
		}));
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(50, 5)));
		socket.addEventListener(EventType.CLOSE, (event) -> socket.send("lost"));
		EventLog log = EventLog.of(socket);
		log.await("open", 2);
		socket.send("echo");
		log.await("message", 1);
		assertThat(socket.bufferedAmount()).isZero();
		socket.close();
		log.await("close", 2);
	}

	@Test
	void messagesSentWhileReconnectingFailWhenTheBackOffGivesUp() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		RawWebSocketServer server = start((connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			if (connections.incrementAndGet() == 1) {
				connection.acceptHandshake(request);
				restart(connection);
			}
			else {
				connection.writeAscii(SERVICE_UNAVAILABLE);
			}
		});
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().reconnect(new FixedBackOff(10, 1)).bufferWhileReconnecting(true));
		List<CompletableFuture<Void>> written = new CopyOnWriteArrayList<>();
		socket.addEventListener(EventType.CLOSE, (event) -> {
			if (written.isEmpty()) {
				written.add(socket.sendAsync("never sent"));
			}
		});
		EventLog log = EventLog.of(socket);
		assertThat(log.await("close", 2)).containsExactly("open rs=1", "close rs=3 code=1012 clean=true", "error rs=3",
				"close rs=3 code=1006 clean=false");
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> written.get(0).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		assertThat(server.connections()).hasSize(2);
	}

	@Test
	void heartbeatFailsTheConnectionWhenThePeerStopsAnsweringPings() throws Exception {
		List<Long> pongsSentAt = new CopyOnWriteArrayList<>();
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			while (true) {
				Frame frame = connection.readFrame();
				if (frame.opcode() == RawConnection.PING && pongsSentAt.size() < 2) {
					connection.write(RawConnection.frame(RawConnection.PONG, frame.payload(), true));
					pongsSentAt.add(System.nanoTime());
				}
			}
		}));
		Duration pingInterval = Duration.ofMillis(100);
		Duration pongTimeout = Duration.ofMillis(200);
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().heartbeat(pingInterval, pongTimeout));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		socket.addEventListener(EventType.ERROR, (event) -> errors.add(event.error()));
		CompletableFuture<Long> closedAt = new CompletableFuture<>();
		socket.addEventListener(EventType.CLOSE, (event) -> closedAt.complete(System.nanoTime()));
		EventLog log = EventLog.of(socket);
		long closed = closedAt.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "error rs=3",
				"close rs=3 code=1006 clean=false");
		assertThat(errors).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isInstanceOf(TimeoutException.class)
			.hasMessageContaining("No Pong");
		assertThat(pongsSentAt).hasSize(2);
		Duration silence = Duration.ofNanos(closed - pongsSentAt.get(1));
		assertThat(silence).isLessThan(pingInterval.plus(pongTimeout).plusMillis(250));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(server.failures()).singleElement().isInstanceOf(EOFException.class));
	}

	@Test
	void heartbeatKeepsAnAnsweringPeerOpen() throws Exception {
		RawWebSocketServer server = start(RawWebSocketServer.afterHandshake((connection) -> {
			while (true) {
				Frame frame = connection.readFrame();
				if (frame.opcode() == RawConnection.PING) {
					connection.write(RawConnection.frame(RawConnection.PONG, frame.payload(), true));
				}
				else if (frame.opcode() == RawConnection.CLOSE) {
					connection.write(RawConnection.frame(RawConnection.CLOSE, frame.payload(), true));
					connection.closeTcp();
					return;
				}
			}
		}));
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().heartbeat(Duration.ofMillis(50), Duration.ofMillis(200)));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		RawConnection connection = server.awaitConnection(TIMEOUT);
		await().atMost(TIMEOUT)
			.until(() -> connection.framesReceived()
				.stream()
				.filter((f) -> f.opcode() == RawConnection.PING)
				.count() >= 8);
		socket.close(1000);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "close rs=3 code=1000 clean=true");
	}

	@Test
	void failPolicyFailsTheConnectionAndSendsClose1009() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().maxBufferedAmount(1024).overflowPolicy(OverflowPolicy.FAIL));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		socket.send(new byte[1025]);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "error rs=3",
				"close rs=3 code=1006 clean=false");
		assertThat(socket.bufferedAmount()).isEqualTo(1025);
		RawConnection connection = server.awaitConnection(TIMEOUT);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(connection.framesReceived())
				.anySatisfy((frame) -> assertThat(frame.opcode()).isEqualTo(RawConnection.CLOSE)));
		Frame close = connection.framesReceived()
			.stream()
			.filter((frame) -> frame.opcode() == RawConnection.CLOSE)
			.findFirst()
			.orElseThrow();
		assertThat(close.closeCode()).isEqualTo(1009);
		assertThat(close.closeReason()).isEqualTo("Send buffer full");
	}

	@Test
	void rejectPolicyThrowsQuotaExceededErrorAndKeepsTheConnectionOpen() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().maxBufferedAmount(1024).overflowPolicy(OverflowPolicy.REJECT));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> socket.send(new byte[1025]))
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("QuotaExceededError"));
		assertThat(socket.bufferedAmount()).isZero();
		socket.send("still open");
		log.await("message", 1);
		socket.close(1000);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "message rs=1 text:still open",
				"close rs=3 code=1000 clean=true");
	}

	@Test
	void dropPolicyDiscardsTheMessageAndFailsItsFuture() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"),
				WebSocketOptions.builder().maxBufferedAmount(1024).overflowPolicy(OverflowPolicy.DROP));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		socket.send(new byte[1025]);
		CompletableFuture<Void> dropped = socket.sendAsync(new byte[2048]);
		assertThat(dropped).isCompletedExceptionally();
		assertThat(socket.bufferedAmount()).isZero();
		socket.send("still open");
		log.await("message", 1);
		socket.close(1000);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "message rs=1 text:still open",
				"close rs=3 code=1000 clean=true");
		assertThat(server.awaitConnection(TIMEOUT).framesReceived()).extracting(Frame::opcode)
			.containsExactly(RawConnection.TEXT, RawConnection.CLOSE);
	}

	@Test
	void sendAsyncCompletesOnceWrittenAndFailsWhenNotSent() throws Exception {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder());
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> socket.sendAsync("too early"))
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("InvalidStateError"));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		CompletableFuture<Void> text = socket.sendAsync("text");
		CompletableFuture<Void> binary = socket.sendAsync(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		CompletableFuture<Void> blob = socket.sendAsync(new Blob("blob".getBytes(StandardCharsets.UTF_8)));
		CompletableFuture.allOf(text, binary, blob).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		log.await("message", 3);
		socket.close(1000);
		CompletableFuture<Void> afterClose = socket.sendAsync(new byte[] { 4 });
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> afterClose.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
			.withCauseInstanceOf(IllegalStateException.class);
		log.await("close", 1);
	}

	@Test
	void bufferedAmountLowFiresOnceWhenTheAmountFallsToTheThreshold() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder());
		socket.bufferedAmountLowThreshold(1500);
		List<Long> amountsAtEvent = new CopyOnWriteArrayList<>();
		socket.onbufferedamountlow((event) -> amountsAtEvent.add(socket.bufferedAmount()));
		EventLog log = EventLog.of(socket);
		socket.addEventListener(EventType.OPEN, (event) -> {
			socket.send(new byte[1000]);
			socket.send(new byte[1000]);
			socket.send(new byte[1000]);
		});
		log.await("message", 3);
		await().atMost(TIMEOUT).until(() -> socket.bufferedAmount() == 0);
		socket.close(1000);
		log.await("close", 1);
		assertThat(amountsAtEvent).singleElement().satisfies((amount) -> assertThat(amount).isLessThanOrEqualTo(1500));
		assertThat(socket.bufferedAmountLowThreshold()).isEqualTo(1500);
	}

	@Test
	void deferredConnectWaitsForConnect() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().connectOnCreate(false));
		EventLog log = EventLog.of(socket);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> socket.send("not yet"));
		assertThat(server.connections()).isEmpty();
		socket.connect();
		log.await("open", 1);
		socket.connect();
		socket.close(1000);
		log.await("close", 1);
		socket.connect();
		log.await("open", 2);
		socket.close(1000);
		assertThat(log.await("close", 2)).containsExactly("open rs=1", "close rs=3 code=1000 clean=true", "open rs=1",
				"close rs=3 code=1000 clean=true");
		assertThat(server.connections()).hasSize(2);
	}

	@Test
	void closingADeferredSocketBeforeItConnectsClosesItWithoutEvents() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().connectOnCreate(false));
		EventLog log = EventLog.of(socket);
		socket.closeGoingAway();
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
		socket.connect();
		log.await("open", 1);
		socket.close(1000);
		assertThat(log.await("close", 1)).containsExactly("open rs=1", "close rs=3 code=1000 clean=true");
		assertThat(server.connections()).hasSize(1);
	}

	@Test
	void closeGoingAwaySendsQueuedMessagesThenClose1001AndDoesNotReconnect() {
		RawWebSocketServer server = start(RawWebSocketServer.echo());
		WebSocket socket = socket(server.url("/"), WebSocketOptions.builder().reconnect(new FixedBackOff(10, 5)));
		EventLog log = EventLog.of(socket);
		log.await("open", 1);
		socket.send("one");
		socket.send("two");
		socket.closeGoingAway();
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
		assertThat(log.await("close", 1)).last().isEqualTo("close rs=3 code=1001 clean=true");
		RawConnection connection = server.awaitConnection(TIMEOUT);
		assertThat(connection.framesReceived()).extracting(Frame::opcode)
			.containsExactly(RawConnection.TEXT, RawConnection.TEXT, RawConnection.CLOSE);
		Frame close = connection.framesReceived().get(2);
		assertThat(close.closeCode()).isEqualTo(1001);
		assertThat(close.closeReason()).isEqualTo("Going away");
		await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> server.connections().size() == 1);
	}

	private static void restart(RawConnection connection) throws Exception {
		connection.write(RawConnection.closeFrame(1012, "Service restart"));
		connection.readMessage();
		connection.closeTcp();
	}

	private RawWebSocketServer start(RawWebSocketServer.Script script) {
		RawWebSocketServer server = RawWebSocketServer.start(script);
		this.resources.add(server);
		return server;
	}

	private WebSocket socket(String url, WebSocketOptions.Builder options) {
		WebSocket socket = new WebSocket(url, List.of(), options.build());
		this.resources.add(0, socket);
		return socket;
	}

}
