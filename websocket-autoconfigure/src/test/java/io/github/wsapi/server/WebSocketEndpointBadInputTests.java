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


package io.github.wsapi.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.Blob;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import io.github.wsapi.testserver.RawConnection.Message;
import io.github.wsapi.testserver.RawWebSocketClient;
import io.github.wsapi.testserver.RawWebSocketClient.Response;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.apache.tomcat.websocket.WsWebSocketContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

import static io.github.wsapi.testserver.RawConnection.BINARY;
import static io.github.wsapi.testserver.RawConnection.CLOSE;
import static io.github.wsapi.testserver.RawConnection.CONTINUATION;
import static io.github.wsapi.testserver.RawConnection.PING;
import static io.github.wsapi.testserver.RawConnection.PONG;
import static io.github.wsapi.testserver.RawConnection.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for what {@link WebSocketEndpoint}s on embedded Tomcat do with bad or unwanted
 * input, with a raw client that breaks the rules on purpose.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class WebSocketEndpointBadInputTests {

	private static final int ONE_MIB = 1024 * 1024;

	private static final BlockingQueue<String> heartbeatServerSide = new LinkedBlockingQueue<>();

	private static EndpointServer server;

	@BeforeAll
	static void startServer() {
		server = EndpointServer.start(Endpoints.class,
				"websocket.server.allowed-origins=https://allowed.example",
				"websocket.server.allowed-origin-patterns=https://*.trusted.example");
		// Tomcat checks idle timeouts every 10 seconds by default
		ServletContext servletContext = ((WebApplicationContext) server.context()).getServletContext();
		((WsWebSocketContainer) servletContext.getAttribute(ServerContainer.class.getName())).setProcessPeriod(1);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example", "http://localhost", "https://allowed.example.evil.example",
			"null" })
	void refusesAForeignOriginWith403(String origin) throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo", "Origin: " + origin);
		assertThat(response.status()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "same", "https://allowed.example", "https://eu.trusted.example" })
	void acceptsTheSameOriginAndAllowedOrigins(String origin) throws IOException {
		String value = "same".equals(origin) ? server.origin() : origin;
		Response response = RawWebSocketClient.connect(server.port(), "/echo", "Origin: " + value);
		assertThat(response.status()).isEqualTo(101);
		assertEchoes(response);
	}

	@Test
	void acceptsAHandshakeWithoutOriginAsFromANonBrowserClient() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		assertThat(response.status()).isEqualTo(101);
		assertEchoes(response);
	}

	@Test
	void anEndpointCanAllowOtherOriginsThanTheDefaults() throws IOException {
		assertThat(RawWebSocketClient.connect(server.port(), "/public", "Origin: https://evil.example").status())
			.isEqualTo(101);
		assertThat(RawWebSocketClient.connect(server.port(), "/echo", "Origin: https://evil.example").status())
			.isEqualTo(403);
	}

	@Test
	void aTextMessageOverTheLimitClosesWith1009() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.send(TEXT, "x".repeat(ONE_MIB + 1).getBytes(StandardCharsets.UTF_8), true);
		assertClosedWith(response, 1009);
	}

	@Test
	void aMessageIsMeasuredInUtf8Bytes() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		String text = "€".repeat(ONE_MIB / 3);
		response.send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
		assertThat(response.connection().readMessage().text()).isEqualTo(text);
		response.send(TEXT, (text + "xx").getBytes(StandardCharsets.UTF_8), true);
		assertClosedWith(response, 1009);
	}

	@Test
	void aFragmentedBinaryMessageOverTheLimitClosesWith1009() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		byte[] third = new byte[ONE_MIB / 3 + 1];
		response.send(BINARY, third, false);
		response.send(CONTINUATION, third, false);
		response.send(CONTINUATION, third, false);
		assertClosedWith(response, 1009);
	}

	@Test
	void aFragmentedBinaryMessageUpToTheLimitIsReassembled() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		byte[] quarter = new byte[ONE_MIB / 4];
		response.send(BINARY, quarter, false);
		for (int i = 0; i < 2; i++) {
			response.send(CONTINUATION, quarter, false);
		}
		response.send(CONTINUATION, quarter, true);
		assertThat(response.connection().readMessage().payload()).hasSize(ONE_MIB);
	}

	@Test
	void invalidUtf8ClosesWith1007() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.send(TEXT, new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28 }, true);
		assertClosedWith(response, 1007);
	}

	@Test
	void anUnmaskedFrameClosesWith1002() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.connection().write(RawConnection.frame(TEXT, "hi".getBytes(StandardCharsets.UTF_8), true));
		assertClosedWith(response, 1002);
	}

	@Test
	void aReservedBitWithoutExtensionClosesWith1002() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.connection().write(RawConnection.frame(TEXT, "hi".getBytes(StandardCharsets.UTF_8), true, 4, true));
		assertClosedWith(response, 1002);
	}

	@Test
	void aContinuationWithoutMessageClosesWith1002() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.send(CONTINUATION, "hi".getBytes(StandardCharsets.UTF_8), true);
		assertClosedWith(response, 1002);
	}

	@Test
	void aFragmentedControlFrameClosesWith1002() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo");
		response.send(PING, new byte[] { 1 }, false);
		assertClosedWith(response, 1002);
	}

	@Test
	void doesNotNegotiatePermessageDeflate() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/echo",
				"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
		assertEchoes(response);
	}

	@Test
	void refusesHandshakesBeyondTheSocketLimitWith503() throws IOException {
		Response first = RawWebSocketClient.connect(server.port(), "/limited");
		Response second = RawWebSocketClient.connect(server.port(), "/limited");
		assertThat(List.of(first.status(), second.status())).containsOnly(101);
		assertThat(RawWebSocketClient.connect(server.port(), "/limited").status()).isEqualTo(503);
		first.connection().write(RawConnection.frame(CLOSE, new byte[] { 0x03, (byte) 0xE8 }, true, 0, true));
		assertThat(first.connection().readMessage().opcode()).isEqualTo(CLOSE);
		await().untilAsserted(
				() -> assertThat(RawWebSocketClient.connect(server.port(), "/limited").status()).isEqualTo(101));
	}

	@Test
	void closesAnIdleSocket() throws IOException {
		Response response = RawWebSocketClient.connect(server.port(), "/idle");
		long start = System.nanoTime();
		Message close = response.connection().readMessage();
		assertThat(close.opcode()).isEqualTo(CLOSE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(ByteBuffer.wrap(close.payload()).getShort()).isEqualTo((short) 1001);
	}

	@Test
	void keepsAClientThatAnswersPingsAndDropsOneThatDoesNot() throws Exception {
		Response answering = RawWebSocketClient.connect(server.port(), "/heartbeat");
		Response silent = RawWebSocketClient.connect(server.port(), "/heartbeat");
		assertThat(silent.connection().readFrame().opcode()).isEqualTo(PING);
		for (int i = 0; i < 3; i++) {
			Frame ping = answering.connection().readFrame();
			assertThat(ping.opcode()).isEqualTo(PING);
			answering.send(PONG, ping.payload(), true);
		}
		assertThat(heartbeatServerSide.poll(10, TimeUnit.SECONDS)).isEqualTo("error");
		assertThat(heartbeatServerSide.poll(10, TimeUnit.SECONDS)).isEqualTo("close 1006");
		assertClosedWith(silent, 1002);
		answering.send(TEXT, "still open?".getBytes(StandardCharsets.UTF_8), true);
		assertThat(answering.connection().readMessage().text()).isEqualTo("still open?");
		assertThat(heartbeatServerSide).isEmpty();
		answering.connection().closeTcp();
	}

	private static void assertEchoes(Response response) throws IOException {
		response.send(TEXT, "ping?".getBytes(StandardCharsets.UTF_8), true);
		assertThat(response.connection().readMessage().text()).isEqualTo("ping?");
		response.connection().closeTcp();
	}

	private static void assertClosedWith(Response response, int code) throws IOException {
		List<Integer> opcodes = new ArrayList<>();
		Message message = response.connection().readMessage();
		while (message.opcode() != CLOSE) {
			opcodes.add(message.opcode());
			message = response.connection().readMessage();
		}
		assertThat(opcodes).as("data messages before the Close frame").isEmpty();
		assertThat(message.payload().length).isGreaterThanOrEqualTo(2);
		assertThat(ByteBuffer.wrap(message.payload()).getShort() & 0xFFFF).isEqualTo(code);
		response.connection().closeTcp();
	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		@Bean
		WebSocketEndpoint echo() {
			return WebSocketEndpoint.path("/echo")
				.onConnection((socket, handshake) -> socket.onmessage((event) -> {
					if (event.data() instanceof String text) {
						socket.send(text);
					}
					else {
						socket.send((Blob) event.data());
					}
				}))
				.build();
		}

		@Bean
		WebSocketEndpoint publicEndpoint() {
			return WebSocketEndpoint.path("/public").allowedOrigins("*").onConnection((socket, handshake) -> {
			}).build();
		}

		@Bean
		WebSocketEndpoint limited() {
			return WebSocketEndpoint.path("/limited").maxSockets(2).onConnection((socket, handshake) -> {
			}).build();
		}

		@Bean
		WebSocketEndpoint heartbeat() {
			return WebSocketEndpoint.path("/heartbeat")
				.heartbeat(Duration.ofMillis(300), Duration.ofMillis(300))
				.onConnection((socket, handshake) -> {
					socket.onerror((event) -> heartbeatServerSide.add("error"));
					socket.onclose((event) -> heartbeatServerSide.add("close " + event.code()));
					socket.onmessage((event) -> socket.send((String) event.data()));
				})
				.build();
		}

		@Bean
		WebSocketEndpoint idle() {
			return WebSocketEndpoint.path("/idle")
				.idleTimeout(Duration.ofMillis(500))
				.onConnection((socket, handshake) -> {
				})
				.build();
		}

	}

}
