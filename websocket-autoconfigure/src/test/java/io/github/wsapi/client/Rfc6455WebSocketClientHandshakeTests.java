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

package io.github.wsapi.client;

import java.io.EOFException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the opening handshake of {@link Rfc6455WebSocketClient} against scripted raw
 * servers.
 *
 * @author wsapi contributors
 */
class Rfc6455WebSocketClientHandshakeTests {

	private static final Duration TIMEOUT = RecordingWebSocketHandler.TIMEOUT;

	private final Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();

	private final RecordingWebSocketHandler handler = new RecordingWebSocketHandler();

	private RawWebSocketServer server;

	private RawWebSocketServer otherServer;

	@AfterEach
	void stopServers() {
		if (this.server != null) {
			this.server.close();
		}
		if (this.otherServer != null) {
			this.otherServer.close();
		}
	}

	@Test
	void requestHasTheBrowserHeadersAndTheUserHeaders() throws Exception {
		CompletableFuture<HandshakeRequest> request = new CompletableFuture<>();
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest received = connection.readHandshake();
			request.complete(received);
			connection.acceptHandshake(received);
			connection.echoUntilClose();
		});
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setSecWebSocketProtocol(List.of("a", "b"));
		headers.setBearerAuth("secret");
		URI uri = URI.create(this.server.url("/chat?room=1&name=a%20b#fragment"));
		WebSocketSession session = this.client.execute(this.handler, headers, uri).get(10, TimeUnit.SECONDS);
		HandshakeRequest received = request.get(10, TimeUnit.SECONDS);
		assertThat(received.method()).isEqualTo("GET");
		assertThat(received.target()).isEqualTo("/chat?room=1&name=a%20b");
		assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(received.header("Upgrade")).isEqualTo("websocket");
		assertThat(received.header("Connection")).isEqualTo("Upgrade");
		assertThat(Base64.getDecoder().decode(received.header("Sec-WebSocket-Key"))).hasSize(16);
		assertThat(received.header("Sec-WebSocket-Version")).isEqualTo("13");
		assertThat(received.header("Sec-WebSocket-Protocol")).isEqualTo("a, b");
		assertThat(received.header("Authorization")).isEqualTo("Bearer secret");
		assertThat(received.headers()).doesNotContainKeys("Origin", "Referer", "Sec-WebSocket-Extensions");
		session.close();
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
	}

	@Test
	void requestWithoutPathTargetsTheRoot() throws Exception {
		CompletableFuture<HandshakeRequest> request = new CompletableFuture<>();
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest received = connection.readHandshake();
			request.complete(received);
			connection.acceptHandshake(received);
			connection.echoUntilClose();
		});
		this.client.execute(this.handler, this.server.url("")).get(10, TimeUnit.SECONDS).close();
		assertThat(request.get(10, TimeUnit.SECONDS).target()).isEqualTo("/");
		assertThat(request.get().headers()).doesNotContainKey("Sec-WebSocket-Protocol");
	}

	@Test
	void keyIsFreshForEveryConnection() throws Exception {
		List<String> keys = new CopyOnWriteArrayList<>();
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest received = connection.readHandshake();
			keys.add(received.header("Sec-WebSocket-Key"));
			connection.acceptHandshake(received);
			connection.echoUntilClose();
		});
		this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS).close();
		this.client.execute(new RecordingWebSocketHandler(), this.server.url("/")).get(10, TimeUnit.SECONDS).close();
		assertThat(keys).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void garbageResponseFailsTheHandshake() {
		this.server = RawWebSocketServer.start(RawWebSocketServer.respond("FOO BAR BAZ\r\n\r\n"));
		assertHandshakeFails(ProtocolException.class, "not an HTTP status line");
	}

	@Test
	void redirectIsNotFollowed() {
		this.otherServer = RawWebSocketServer.start(RawWebSocketServer.echo());
		this.server = RawWebSocketServer.start(RawWebSocketServer.respond("HTTP/1.1 301 Moved Permanently\r\n"
				+ "Location: " + this.otherServer.url("/") + "\r\nContent-Length: 0\r\n\r\n"));
		assertHandshakeFails(ProtocolException.class, "301");
		assertThat(this.otherServer.connections()).isEmpty();
	}

	@Test
	void notFoundFailsTheHandshake() {
		this.server = RawWebSocketServer.start(
				RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
		assertHandshakeFails(ProtocolException.class, "404");
	}

	@Test
	void okInsteadOfSwitchingProtocolsFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 200 OK", "Upgrade: websocket", "Connection: Upgrade",
					"Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"))));
		});
		assertHandshakeFails(ProtocolException.class, "200");
	}

	@Test
	void wrongAcceptKeyFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket",
					"Connection: Upgrade",
					"Sec-WebSocket-Accept: " + RawConnection.acceptKey("AAAAAAAAAAAAAAAAAAAAAA==")));
		});
		assertHandshakeFails(ProtocolException.class, "Sec-WebSocket-Accept");
	}

	@Test
	void missingAcceptKeyFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			connection.readHandshake();
			connection.writeAscii(
					response("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade"));
		});
		assertHandshakeFails(ProtocolException.class, "Sec-WebSocket-Accept");
	}

	@Test
	void upgradeOtherThanWebSocketFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 101 Switching Protocols", "Upgrade: h2c", "Connection: Upgrade",
					"Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"))));
		});
		assertHandshakeFails(ProtocolException.class, "Upgrade");
	}

	@Test
	void connectionWithoutUpgradeTokenFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket",
					"Connection: keep-alive, upgraded",
					"Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"))));
		});
		assertHandshakeFails(ProtocolException.class, "Connection");
	}

	@Test
	void upgradeAndConnectionAreCaseInsensitiveAndConnectionIsATokenList() throws Exception {
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 101 Switching Protocols", "upgrade: WebSocket",
					"connection: keep-alive, UPGRADE",
					"sec-websocket-accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"))));
			connection.echoUntilClose();
		});
		this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS).close();
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
	}

	@Test
	void extensionInResponseFailsTheHandshake() {
		this.server = RawWebSocketServer.start((connection) -> {
			connection.acceptHandshake(connection.readHandshake(), "Sec-WebSocket-Extensions: permessage-deflate");
		});
		assertHandshakeFails(ProtocolException.class, "extension");
	}

	@Test
	void reasonPhraseWithTrailingColonIsAccepted() throws Exception {
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.writeAscii(response("HTTP/1.1 101 Switching Protocols:", "Upgrade: websocket",
					"Connection: Upgrade",
					"Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key"))));
			connection.echoUntilClose();
		});
		WebSocketSession session = this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS);
		assertThat(session.isOpen()).isTrue();
		session.close();
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
	}

	@Test
	void selectedSubprotocolIsReportedWithoutValidation() throws Exception {
		this.server = RawWebSocketServer
			.start(RawWebSocketServer.afterHandshake(RawConnection::echoUntilClose, "Sec-WebSocket-Protocol: other"));
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setSecWebSocketProtocol("chat");
		WebSocketSession session = this.client.execute(this.handler, headers, URI.create(this.server.url("/")))
			.get(10, TimeUnit.SECONDS);
		assertThat(session.getAcceptedProtocol()).isEqualTo("other");
		session.close();
	}

	@Test
	void responseHeadLargerThan16KiBFailsTheHandshake() {
		this.server = RawWebSocketServer.start(RawWebSocketServer
			.respond("HTTP/1.1 101 Switching Protocols\r\nX-Filler: " + "a".repeat(17 * 1024) + "\r\n\r\n"));
		assertHandshakeFails(ProtocolException.class, "larger than");
	}

	@Test
	void connectionClosedDuringTheHandshakeFailsIt() {
		this.server = RawWebSocketServer.start((connection) -> {
			connection.readHandshake();
			connection.writeAscii("HTTP/1.1 101 Switching Protocols\r\n");
			connection.closeTcp();
		});
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(EOFException.class);
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void bytesAfterTheSwitchingProtocolsResponseBelongToTheWebSocketStream() throws Exception {
		CompletableFuture<RawConnection.Frame> clientClose = new CompletableFuture<>();
		this.server = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), RawConnection.textFrame("first"),
					RawConnection.closeFrame(1001, "PASS"));
			clientClose.complete(connection.readFrame());
			connection.closeTcp();
		});
		this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS);
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1001);
		assertThat(status.getReason()).isEqualTo("PASS");
		assertThat(this.handler.getEvents()).containsExactly("open", "text first", "closed 1001 PASS");
		assertThat(clientClose.get(10, TimeUnit.SECONDS).closeCode()).isEqualTo(1001);
	}

	@Test
	void connectTimeoutAbortsAServerThatNeverAnswers() throws Exception {
		this.server = RawWebSocketServer.start((connection) -> connection.readHandshake());
		this.client.setConnectTimeout(Duration.ofMillis(300));
		long start = System.nanoTime();
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, this.server.url("/"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(SocketTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		assertThat(this.server.awaitConnection(TIMEOUT).awaitClientClosed(TIMEOUT)).isTrue();
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void cancellingTheFutureAbortsAPendingConnect() throws Exception {
		CompletableFuture<Void> requestRead = new CompletableFuture<>();
		this.server = RawWebSocketServer.start((connection) -> {
			connection.readHandshake();
			requestRead.complete(null);
		});
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, this.server.url("/"));
		RawConnection connection = this.server.awaitConnection(TIMEOUT);
		requestRead.get(10, TimeUnit.SECONDS);
		future.cancel(true);
		assertThat(connection.awaitClientClosed(TIMEOUT)).isTrue();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(future::join);
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void completingTheFutureExceptionallyAbortsAPendingConnect() throws Exception {
		CompletableFuture<Void> requestRead = new CompletableFuture<>();
		this.server = RawWebSocketServer.start((connection) -> {
			connection.readHandshake();
			requestRead.complete(null);
		});
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, this.server.url("/"));
		RawConnection connection = this.server.awaitConnection(TIMEOUT);
		requestRead.get(10, TimeUnit.SECONDS);
		future.completeExceptionally(new IllegalStateException("no longer needed"));
		assertThat(connection.awaitClientClosed(TIMEOUT)).isTrue();
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void invalidHeaderValueCompletesTheFutureExceptionally() {
		this.server = RawWebSocketServer.start(RawWebSocketServer.echo());
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.add("X-Injected", "value\r\nX-Other: evil");
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, headers,
				URI.create(this.server.url("/")));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(IllegalArgumentException.class)
			.withMessageNotContaining("evil");
	}

	private void assertHandshakeFails(Class<? extends Exception> type, String message) {
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, this.server.url("/"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(type)
			.withMessageContaining(message);
		assertThat(this.server.awaitConnection(TIMEOUT).awaitClientClosed(TIMEOUT)).as("client closed the socket")
			.isTrue();
		assertThat(this.handler.getEvents()).isEmpty();
	}

	private static String response(String statusLine, String... headerLines) {
		return statusLine + "\r\n" + String.join("\r\n", headerLines) + "\r\n\r\n";
	}

}
