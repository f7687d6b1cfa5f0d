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

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawWebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static io.github.wsapi.testserver.RawConnection.BINARY;
import static io.github.wsapi.testserver.RawConnection.CLOSE;
import static io.github.wsapi.testserver.RawConnection.CONTINUATION;
import static io.github.wsapi.testserver.RawConnection.PING;
import static io.github.wsapi.testserver.RawConnection.PONG;
import static io.github.wsapi.testserver.RawConnection.TEXT;
import static io.github.wsapi.testserver.RawConnection.frame;
import static io.github.wsapi.testserver.RawConnection.textFrame;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link Rfc6455WebSocketClient} reads and writes frames, and fails the
 * connection on protocol violations, against scripted raw servers.
 *
 * @author wsapi contributors
 */
class Rfc6455WebSocketClientFramingTests {

	private static final Duration TIMEOUT = RecordingWebSocketHandler.TIMEOUT;

	private final Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();

	private final RecordingWebSocketHandler handler = new RecordingWebSocketHandler();

	private RawWebSocketServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void clientFramesAreMaskedAndUnfragmented() throws Exception {
		WebSocketSession session = connect(RawConnection::echoUntilClose);
		session.sendMessage(new TextMessage("hello"));
		session.sendMessage(new BinaryMessage(new byte[70_000]));
		session.sendMessage(new TextMessage(""));
		assertThat(this.handler.nextText()).isEqualTo("hello");
		assertThat(this.handler.nextBinary()).hasSize(70_000);
		assertThat(this.handler.nextText()).isEmpty();
		assertThat(connection().framesReceived()).allSatisfy((frame) -> {
			assertThat(frame.masked()).isTrue();
			assertThat(frame.fin()).isTrue();
			assertThat(frame.rsv()).isZero();
		}).extracting(Frame::opcode).containsExactly(TEXT, BINARY, TEXT);
	}

	@Test
	void pingIsAnsweredWithPongCarryingTheSamePayloadAndNotPassedOn() throws Exception {
		CompletableFuture<Frame> pong = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(frame(PING, "are you there?".getBytes(StandardCharsets.UTF_8), true));
			pong.complete(connection.readFrame());
			connection.echoUntilClose();
		});
		Frame frame = pong.get(10, TimeUnit.SECONDS);
		assertThat(frame.opcode()).isEqualTo(PONG);
		assertThat(frame.masked()).isTrue();
		assertThat(frame.text()).isEqualTo("are you there?");
		assertThat(this.handler.getEvents()).containsExactly("open");
	}

	@Test
	void pongIsPassedToTheHandler() throws Exception {
		connect((connection) -> {
			connection.write(frame(PONG, "beat".getBytes(StandardCharsets.UTF_8), true));
			connection.echoUntilClose();
		});
		WebSocketMessage<?> message = this.handler.nextMessage();
		assertThat(message).isInstanceOf(PongMessage.class);
		assertThat(RecordingWebSocketHandler.bytes(((PongMessage) message).getPayload())).asString()
			.isEqualTo("beat");
	}

	@Test
	void fragmentedMessagesAreReassembledWithControlFramesInBetween() throws Exception {
		CompletableFuture<Frame> pong = new CompletableFuture<>();
		connect((connection) -> {
			byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
			connection.write(frame(TEXT, "Hel".getBytes(StandardCharsets.UTF_8), false),
					frame(PING, "p".getBytes(StandardCharsets.UTF_8), true),
					frame(CONTINUATION, new byte[0], false),
					frame(CONTINUATION, new byte[] { 'l', 'o', ' ', euro[0] }, false),
					frame(CONTINUATION, new byte[] { euro[1], euro[2] }, true),
					frame(BINARY, new byte[] { 1, 2 }, false), frame(CONTINUATION, new byte[] { 3 }, true));
			pong.complete(connection.readFrame());
			connection.echoUntilClose();
		});
		assertThat(this.handler.nextText()).isEqualTo("Hello €");
		assertThat(this.handler.nextBinary()).containsExactly(1, 2, 3);
		assertThat(pong.get(10, TimeUnit.SECONDS).text()).isEqualTo("p");
		assertThat(this.handler.getEvents()).containsExactly("open", "text Hello €", "binary 3");
	}

	@Test
	void afterConnectionEstablishedPrecedesMessagesSentWithTheResponse() throws Exception {
		this.server = RawWebSocketServer.start((connection) -> {
			RawConnection.HandshakeRequest request = connection.readHandshake();
			connection.write(connection.handshakeResponse(request), textFrame("early"));
			connection.echoUntilClose();
		});
		this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS);
		assertThat(this.handler.nextText()).isEqualTo("early");
		assertThat(this.handler.getEvents()).containsExactly("open", "text early");
	}

	@ParameterizedTest(name = "{0} fails the connection with {2}")
	@MethodSource("protocolViolations")
	void protocolViolationFailsTheConnectionAfterDeliveringEarlierMessages(String violation, byte[] frames,
			int closeCode) throws Exception {
		CompletableFuture<Frame> clientClose = new CompletableFuture<>();
		CompletableFuture<Boolean> clientClosedTcp = new CompletableFuture<>();
		this.client.setMaxMessageSize(1024);
		connect((connection) -> {
			connection.write(textFrame("test"), frames);
			clientClose.complete(connection.readFrame());
			clientClosedTcp.complete(connection.awaitClientClosed(TIMEOUT));
		});
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getEvents()).containsExactly("open", "text test", "error", "closed 1006 null");
		assertThat(this.handler.getTransportError()).isInstanceOf(ProtocolException.class);
		Frame close = clientClose.get(10, TimeUnit.SECONDS);
		assertThat(close.opcode()).isEqualTo(CLOSE);
		assertThat(close.closeCode()).isEqualTo(closeCode);
		assertThat(clientClosedTcp.get(10, TimeUnit.SECONDS)).isTrue();
	}

	static Stream<Arguments> protocolViolations() {
		byte[] x = { 'x' };
		return Stream.of(violation("a masked server frame", frame(TEXT, x, true, 0, true), 1002),
				violation("reserved opcode 3", frame(3, x, true), 1002),
				violation("reserved opcode 7", frame(7, x, true), 1002),
				violation("reserved opcode 0xB", frame(0xB, x, true), 1002),
				violation("reserved opcode 0xF", frame(0xF, x, true), 1002),
				violation("RSV1 set", frame(TEXT, x, true, 4, false), 1002),
				violation("RSV2 set", frame(TEXT, x, true, 2, false), 1002),
				violation("RSV3 set", frame(TEXT, x, true, 1, false), 1002),
				violation("a fragmented ping", frame(PING, x, false), 1002),
				violation("a ping over 125 bytes", frame(PING, new byte[126], true), 1002),
				violation("a continuation without a message", frame(CONTINUATION, x, true), 1002),
				violation("a new message inside a fragmented one",
						concat(frame(TEXT, x, false), frame(BINARY, x, true)), 1002),
				violation("invalid UTF-8 in a text message", frame(TEXT, new byte[] { (byte) 0xC3, 0x28 }, true), 1007),
				violation("a UTF-16 surrogate in a text message",
						frame(TEXT, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, true), 1007),
				violation("a 1-byte Close payload", frame(CLOSE, new byte[] { 3 }, true), 1002),
				violation("invalid UTF-8 in the close reason",
						frame(CLOSE, new byte[] { 0x03, (byte) 0xE8, (byte) 0xFF }, true), 1002),
				violation("a 16-bit length that fits in 7 bits", new byte[] { (byte) 0x81, 126, 0, 2, 'h', 'i' }, 1002),
				violation("a 64-bit length that fits in 16 bits",
						new byte[] { (byte) 0x81, 127, 0, 0, 0, 0, 0, 0, 0, 2, 'h', 'i' }, 1002),
				violation("a 64-bit length with the high bit set",
						new byte[] { (byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0 }, 1002),
				violation("a message over the limit", frame(BINARY, new byte[1025], true), 1009),
				violation("a fragmented message over the limit",
						concat(frame(TEXT, new byte[600], false), frame(CONTINUATION, new byte[600], true)), 1009),
				violation("a declared length of 1 TiB", new byte[] { (byte) 0x82, 127, 0, 0, 1, 0, 0, 0, 0, 0 }, 1009));
	}

	@ParameterizedTest(name = "close code {0} is invalid")
	@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535 })
	void invalidCloseCodeFailsTheConnection(int code) throws Exception {
		CompletableFuture<Frame> clientClose = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(RawConnection.closeFrame(code, ""));
			clientClose.complete(connection.readFrame());
			connection.awaitClientClosed(TIMEOUT);
		});
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getEvents()).containsExactly("open", "error", "closed 1006 null");
		assertThat(clientClose.get(10, TimeUnit.SECONDS).closeCode()).isEqualTo(1002);
	}

	@ParameterizedTest(name = "close code {0} is valid")
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999 })
	void validCloseCodeIsEchoedAndReported(int code) throws Exception {
		CompletableFuture<Frame> clientClose = new CompletableFuture<>();
		connect((connection) -> {
			connection.write(RawConnection.closeFrame(code, "why"));
			clientClose.complete(connection.readFrame());
			connection.closeTcp();
		});
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(code);
		assertThat(status.getReason()).isEqualTo("why");
		assertThat(this.handler.getTransportError()).isNull();
		assertThat(clientClose.get(10, TimeUnit.SECONDS).closeCode()).isEqualTo(code);
	}

	private WebSocketSession connect(RawWebSocketServer.Script afterHandshake) throws Exception {
		this.server = RawWebSocketServer.start(RawWebSocketServer.afterHandshake(afterHandshake));
		return this.client.execute(this.handler, this.server.url("/")).get(10, TimeUnit.SECONDS);
	}

	private RawConnection connection() {
		return this.server.connections().get(0);
	}

	private static Arguments violation(String name, byte[] frames, int closeCode) {
		return Arguments.of(name, frames, closeCode);
	}

	private static byte[] concat(byte[]... chunks) {
		ByteBuffer all = ByteBuffer.allocate(Stream.of(chunks).mapToInt((chunk) -> chunk.length).sum());
		Stream.of(chunks).forEach(all::put);
		return all.array();
	}

}
