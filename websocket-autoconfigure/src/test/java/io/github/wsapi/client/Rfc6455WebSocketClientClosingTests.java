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

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.Message;
import io.github.wsapi.testserver.RawWebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

import static io.github.wsapi.testserver.RawConnection.CLOSE;
import static io.github.wsapi.testserver.RawConnection.closeFrame;
import static io.github.wsapi.testserver.RawConnection.textFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the closing handshake of {@link Rfc6455WebSocketClient} against scripted raw
 * servers.
 *
 * @author wsapi contributors
 */
class Rfc6455WebSocketClientClosingTests {

	private static final Duration TIMEOUT = RecordingWebSocketHandler.TIMEOUT;

	private final Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();

	private final RecordingWebSocketHandler handler = new RecordingWebSocketHandler();

	private final CompletableFuture<Message> clientClose = new CompletableFuture<>();

	private RawWebSocketServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void closeWithoutCodeSendsEmptyCloseFrame() throws Exception {
		WebSocketSession session = connect(this::echoClose);
		session.close(CloseStatus.NO_STATUS_CODE);
		assertThat(this.clientClose.get(10, TimeUnit.SECONDS).payload()).isEmpty();
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1005);
		assertThat(status.getReason()).isEmpty();
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void closeWithNoArgumentSendsNormalClosure() throws Exception {
		WebSocketSession session = connect(this::echoClose);
		session.close();
		Message close = this.clientClose.get(10, TimeUnit.SECONDS);
		assertThat(close.closeCode()).isEqualTo(1000);
		assertThat(close.closeReason()).isEmpty();
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
	}

	@Test
	void closeSendsCodeAndUtf8Reason() throws Exception {
		WebSocketSession session = connect(this::echoClose);
		session.close(new CloseStatus(4000, "bye €"));
		Message close = this.clientClose.get(10, TimeUnit.SECONDS);
		assertThat(close.closeCode()).isEqualTo(4000);
		assertThat(close.closeReason()).isEqualTo("bye €");
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(4000);
		assertThat(status.getReason()).isEqualTo("bye €");
	}

	@Test
	void closeReportsThePeerCodeNotOurs() throws Exception {
		WebSocketSession session = connect((connection) -> {
			this.clientClose.complete(connection.readMessage());
			connection.write(closeFrame(4999, "server says"));
			connection.closeTcp();
		});
		session.close(new CloseStatus(4000, "client says"));
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(4999);
		assertThat(status.getReason()).isEqualTo("server says");
	}

	@Test
	void closeCodeNoCloseFrameAbortsWithoutCloseFrame() throws Exception {
		CompletableFuture<Boolean> closedTcp = new CompletableFuture<>();
		WebSocketSession session = connect((connection) -> closedTcp.complete(connection.awaitClientClosed(TIMEOUT)));
		session.close(CloseStatus.NO_CLOSE_FRAME);
		assertThat(closedTcp.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.server.connections().get(0).framesReceived()).isEmpty();
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void peerCloseDelayedOneSecondIsAwaited() throws Exception {
		CompletableFuture<Boolean> clientClosedTcpWhileWaiting = new CompletableFuture<>();
		WebSocketSession session = connect((connection) -> {
			this.clientClose.complete(connection.readMessage());
			clientClosedTcpWhileWaiting.complete(connection.awaitClientClosed(Duration.ofSeconds(1)));
			connection.write(closeFrame(1000, "late"));
			connection.closeTcp();
		});
		long start = System.nanoTime();
		session.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close() does not wait")
			.isLessThan(Duration.ofMillis(500));
		CloseStatus status = this.handler.awaitClose();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(clientClosedTcpWhileWaiting.get(10, TimeUnit.SECONDS)).isFalse();
		assertThat(status.getCode()).isEqualTo(1000);
		assertThat(status.getReason()).isEqualTo("late");
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void messagesArrivingAfterOurCloseAreStillDelivered() throws Exception {
		WebSocketSession session = connect((connection) -> {
			this.clientClose.complete(connection.readMessage());
			connection.write(textFrame("in flight"), closeFrame(1000, ""));
			connection.closeTcp();
		});
		session.close();
		this.handler.awaitClose();
		assertThat(this.handler.getEvents()).containsExactly("open", "text in flight", "closed 1000 ");
	}

	@Test
	void closeTimeoutAbortsWhenThePeerNeverAnswers() throws Exception {
		this.client.setCloseTimeout(Duration.ofMillis(500));
		CompletableFuture<Boolean> closedTcp = new CompletableFuture<>();
		WebSocketSession session = connect((connection) -> {
			this.clientClose.complete(connection.readMessage());
			closedTcp.complete(connection.awaitClientClosed(TIMEOUT));
		});
		long start = System.nanoTime();
		session.close();
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
		assertThat(this.handler.getTransportError()).isNull();
		assertThat(closedTcp.get(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void peerCloseIsEchoedWithTheSamePayload() throws Exception {
		CompletableFuture<Frame> echo = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(closeFrame(4002, "server ✓"));
			echo.complete(connection.readFrame());
			connection.closeTcp();
		});
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(4002);
		assertThat(status.getReason()).isEqualTo("server ✓");
		assertThat(this.handler.getTransportError()).isNull();
		Frame frame = echo.get(10, TimeUnit.SECONDS);
		assertThat(frame.opcode()).isEqualTo(CLOSE);
		assertThat(frame.masked()).isTrue();
		assertThat(frame.closeCode()).isEqualTo(4002);
		assertThat(frame.closeReason()).isEqualTo("server ✓");
	}

	@Test
	void peerEmptyCloseIsEchoedEmptyAndReportedAs1005() throws Exception {
		CompletableFuture<Frame> echo = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(closeFrame());
			echo.complete(connection.readFrame());
			connection.closeTcp();
		});
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1005);
		assertThat(status.getReason()).isEmpty();
		assertThat(echo.get(10, TimeUnit.SECONDS).payload()).isEmpty();
	}

	@Test
	void peerResetRightAfterItsCloseIsStillClean() throws Exception {
		connect((connection) -> {
			connection.write(closeFrame(1001, "restarting"));
			connection.abortTcp();
		});
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1001);
		assertThat(status.getReason()).isEqualTo("restarting");
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void peerResetAfterReadingOurCloseIsStillClean() throws Exception {
		WebSocketSession session = connect((connection) -> {
			this.clientClose.complete(connection.readMessage());
			connection.write(closeFrame(1000, "ok"));
			connection.abortTcp();
		});
		session.close();
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1000);
		assertThat(status.getReason()).isEqualTo("ok");
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void clientClosesTcpTwoSecondsAfterThePeerCloseIfThePeerDoesNot() throws Exception {
		CompletableFuture<Duration> closedAfter = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(closeFrame(1000, ""));
			long start = System.nanoTime();
			if (connection.awaitClientClosed(TIMEOUT)) {
				closedAfter.complete(Duration.ofNanos(System.nanoTime() - start));
			}
		});
		Duration waited = closedAfter.get(10, TimeUnit.SECONDS);
		assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofMillis(5000));
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
		assertThat(this.server.connections().get(0).framesReceived()).extracting(Frame::opcode)
			.containsExactly(CLOSE);
	}

	@Test
	void dataAfterThePeerCloseFailsTheConnection() throws Exception {
		connect((connection) -> {
			connection.write(closeFrame(1000, "done"), textFrame("too late"));
			connection.readFrame();
			connection.closeTcp();
		});
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).isNotNull();
	}

	@Test
	void tcpClosedWithoutCloseFrameReports1006WithoutTransportError() throws Exception {
		connect((connection) -> {
			connection.write(textFrame("last words"));
			connection.closeTcp();
		});
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getEvents()).containsExactly("open", "text last words", "closed 1006 null");
	}

	@Test
	void tcpResetWithoutCloseFrameReports1006WithoutTransportError() throws Exception {
		WebSocketSession session = connect(RawConnection::abortTcp);
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).isNull();
		assertThat(session.isOpen()).isFalse();
	}

	@Test
	void sendingAfterThePeerCloseThrowsIOException() throws Exception {
		CompletableFuture<Void> release = new CompletableFuture<>();
		WebSocketSession session = connect((connection) -> {
			connection.write(closeFrame(1000, ""));
			connection.readFrame();
			release.get(10, TimeUnit.SECONDS);
			connection.closeTcp();
		});
		try {
			await().until(() -> !session.isOpen());
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> session.sendMessage(new TextMessage("too late")));
		}
		finally {
			release.complete(null);
		}
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
	}

	private void echoClose(RawConnection connection) throws IOException {
		Message close = connection.readMessage();
		this.clientClose.complete(close);
		connection.write(RawConnection.frame(CLOSE, close.payload(), true));
		connection.closeTcp();
	}

	private WebSocketSession connect(RawWebSocketServer.Script afterHandshake) throws Exception {
		this.server = RawWebSocketServer.start(RawWebSocketServer.afterHandshake(afterHandshake));
		return this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS);
	}

}
