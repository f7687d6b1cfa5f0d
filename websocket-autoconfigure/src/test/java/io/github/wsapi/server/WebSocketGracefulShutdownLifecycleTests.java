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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Message;
import io.github.wsapi.testserver.RawWebSocketClient;
import io.github.wsapi.testserver.RawWebSocketClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketGracefulShutdownLifecycle} on embedded Tomcat.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class WebSocketGracefulShutdownLifecycleTests {

	@Test
	void stopsBeforeTheWebServerShutsDownGracefully() {
		assertThat(WebSocketGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
			.isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
	}

	@Test
	void closingTheApplicationSendsClose1001ToEverySocket() throws Exception {
		EndpointServer server = EndpointServer.start(Endpoints.class);
		Queue<Integer> serverSideCloseCodes = server.context().getBean(CloseCodes.class).codes();
		List<Events> clients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Events events = Events.of(new WebSocket(server.url(((i % 2) == 0) ? "/one" : "/two")));
			events.awaitOpen();
			clients.add(events);
		}
		Response raw = RawWebSocketClient.connect(server.port(), "/one");
		await().until(() -> server.bean("one", WebSocketEndpoint.class).sockets().size() == 26);
		CompletableFuture<Message> rawClose = CompletableFuture.supplyAsync(() -> answerClose(raw));
		server.close();
		for (Events events : clients) {
			CloseEvent close = events.awaitClose();
			assertThat(close.code()).isEqualTo(1001);
			assertThat(close.reason()).isEqualTo("Server shutting down");
			assertThat(close.wasClean()).isTrue();
		}
		assertCloseFrame(rawClose.get(), 1001);
		await().untilAsserted(() -> assertThat(serverSideCloseCodes).hasSize(51).containsOnly(1001));
	}

	@Test
	void refusesHandshakesWhileStoppedAndAcceptsThemAgainWhenRestarted() throws Exception {
		try (EndpointServer server = EndpointServer.start(Endpoints.class)) {
			WebSocketGracefulShutdownLifecycle lifecycle = server.context()
				.getBean(WebSocketGracefulShutdownLifecycle.class);
			Response open = RawWebSocketClient.connect(server.port(), "/two");
			assertThat(open.status()).isEqualTo(101);
			CountDownLatch stopped = new CountDownLatch(1);
			lifecycle.stop(stopped::countDown);
			assertThat(lifecycle.isRunning()).isFalse();
			assertThat(RawWebSocketClient.connect(server.port(), "/two").status()).isEqualTo(503);
			assertCloseFrame(answerClose(open), 1001);
			assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
			lifecycle.start();
			Response reopened = RawWebSocketClient.connect(server.port(), "/two");
			assertThat(reopened.status()).isEqualTo(101);
			reopened.connection().closeTcp();
		}
	}

	private static Message answerClose(Response response) {
		try {
			Message close = response.connection().readMessage();
			response.send(RawConnection.CLOSE, close.payload(), true);
			return close;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void assertCloseFrame(Message message, int code) {
		assertThat(message.opcode()).isEqualTo(RawConnection.CLOSE);
		ByteBuffer payload = ByteBuffer.wrap(message.payload());
		assertThat(payload.getShort() & 0xFFFF).isEqualTo(code);
		assertThat(StandardCharsets.UTF_8.decode(payload).toString()).isEqualTo("Server shutting down");
	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		@Bean
		CloseCodes closeCodes() {
			return new CloseCodes(new ConcurrentLinkedQueue<>());
		}

		@Bean
		WebSocketEndpoint one(CloseCodes closeCodes) {
			return WebSocketEndpoint.path("/one")
				.onConnection((socket, handshake) -> socket.onclose((event) -> closeCodes.codes().add(event.code())))
				.build();
		}

		@Bean
		WebSocketEndpoint two(CloseCodes closeCodes) {
			return WebSocketEndpoint.path("/two")
				.onConnection((socket, handshake) -> socket.onclose((event) -> closeCodes.codes().add(event.code())))
				.build();
		}

	}

	/**
	 * The close codes the server-side sockets of one application saw.
	 */
	record CloseCodes(Queue<Integer> codes) {

	}

}
