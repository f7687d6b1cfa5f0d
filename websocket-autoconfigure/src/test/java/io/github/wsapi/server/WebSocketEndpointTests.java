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

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.Blob;
import io.github.wsapi.CloseEvent;
import io.github.wsapi.ErrorEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.testserver.RawWebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketEndpoint} on embedded Tomcat, with the project's client.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class WebSocketEndpointTests {

	private static final int ONE_MIB = 1024 * 1024;

	private static final CountDownLatch patientListenerMayReturn = new CountDownLatch(1);

	private static final BlockingQueue<String> smallServerSide = new LinkedBlockingQueue<>();

	private static EndpointServer server;

	@BeforeAll
	static void startServer() {
		server = EndpointServer.start(Endpoints.class);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void theReadmeExampleGreetsAndEchoes() throws Exception {
		WebSocket socket = new WebSocket(server.url("/readme?name=Ada"), "superchat");
		Events events = Events.of(socket);
		events.awaitOpen();
		assertThat(socket.protocol()).isEqualTo("superchat");
		assertThat(events.nextData()).isEqualTo("Hello Ada");
		socket.send("echo?");
		assertThat(events.nextData()).isEqualTo("echo?");
		socket.close();
	}

	@Test
	void echoesTextOfOneMebibyte() throws Exception {
		String text = "x".repeat(ONE_MIB - 3) + "€";
		WebSocket socket = new WebSocket(server.url("/echo"));
		Events events = Events.of(socket);
		events.awaitOpen();
		socket.send(text);
		assertThat(events.nextData()).isEqualTo(text);
		socket.close();
		assertThat(events.awaitClose().code()).as("Tomcat answers an empty Close frame with 1000").isEqualTo(1000);
	}

	@Test
	void echoesBinaryOfOneMebibyte() throws Exception {
		byte[] bytes = new byte[ONE_MIB];
		ThreadLocalRandom.current().nextBytes(bytes);
		WebSocket socket = new WebSocket(server.url("/echo"));
		Events events = Events.of(socket);
		events.awaitOpen();
		socket.send(bytes);
		assertThat(((Blob) events.nextData()).bytes()).isEqualTo(bytes);
		socket.close(1000);
		assertThat(events.awaitClose().code()).isEqualTo(1000);
	}

	@Test
	void selectsTheFirstOfferedSubprotocolThatTheEndpointSpeaks() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"), "v3", "superchat", "chat");
		Events events = Events.of(socket);
		events.awaitOpen();
		assertThat(socket.protocol()).isEqualTo("superchat");
		socket.send("protocol?");
		assertThat(events.nextData()).isEqualTo("protocol=superchat");
		socket.close();
	}

	@Test
	void answersAClientThatOffersNoSupportedSubprotocolWithoutOneWhichBrowsersFail() throws Exception {
		RawWebSocketClient.Response response = RawWebSocketClient.connect(server.port(), "/echo",
				"Sec-WebSocket-Protocol: v3");
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.header("Sec-WebSocket-Protocol")).isNull();
		response.connection().closeTcp();
		WebSocket socket = new WebSocket(server.url("/echo"), "v3");
		List<Event> events = Events.of(socket).untilClose();
		assertThat(events).first().isInstanceOf(ErrorEvent.class);
		assertThat(((CloseEvent) events.get(1)).code()).isEqualTo(1006);
	}

	@Test
	void handsTheHandshakeDetailsToTheEndpoint() throws Exception {
		WebSocketOptions options = WebSocketOptions.builder().header("X-Token", "secret").build();
		WebSocket socket = new WebSocket(server.url("/handshake?room=blue%20one&tag=a&tag=b+c&flag"), List.of(),
				options);
		Events events = Events.of(socket);
		events.awaitOpen();
		assertThat(events.nextData()).isEqualTo("url=" + server.url("/handshake?room=blue%20one&tag=a&tag=b+c&flag")
				+ "|room=blue one|tags=[a, b c]|flag=|token=secret|principal=null|remote=127.0.0.1|info="
				+ "HandshakeInfo[uri=" + server.url("/handshake") + "]");
		socket.close();
	}

	@Test
	void socketsAndBroadcastReachOnlyTheOpenSocketsOfTheEndpoint() throws Exception {
		WebSocketEndpoint endpoint = server.bean("broadcast", WebSocketEndpoint.class);
		WebSocket first = new WebSocket(server.url("/broadcast"));
		WebSocket second = new WebSocket(server.url("/broadcast"));
		WebSocket closed = new WebSocket(server.url("/broadcast"));
		Events firstEvents = Events.of(first);
		Events secondEvents = Events.of(second);
		Events closedEvents = Events.of(closed);
		firstEvents.awaitOpen();
		secondEvents.awaitOpen();
		closedEvents.awaitOpen();
		closed.close();
		closedEvents.awaitClose();
		await().untilAsserted(() -> assertThat(endpoint.sockets()).hasSize(2));
		assertThat(endpoint.broadcast("hello")).isEqualTo(2);
		assertThat(endpoint.broadcast(new byte[] { 1, 2, 3 })).isEqualTo(2);
		assertThat(endpoint.broadcast(ByteBuffer.wrap(new byte[] { 0, 4, 5, 0 }, 1, 2))).isEqualTo(2);
		for (Events events : List.of(firstEvents, secondEvents)) {
			assertThat(events.nextData()).isEqualTo("hello");
			assertThat(((Blob) events.nextData()).bytes()).containsExactly(1, 2, 3);
			assertThat(((Blob) events.nextData()).bytes()).containsExactly(4, 5);
		}
		first.close();
		second.close();
		firstEvents.awaitClose();
		secondEvents.awaitClose();
		await().untilAsserted(() -> assertThat(endpoint.sockets()).isEmpty());
		assertThat(endpoint.broadcast("nobody")).isZero();
	}

	@Test
	void aListenerThatThrowsClosesOnlyItsOwnConnectionWith1011() throws Exception {
		WebSocket healthy = new WebSocket(server.url("/echo"));
		Events healthyEvents = Events.of(healthy);
		healthyEvents.awaitOpen();
		WebSocket failing = new WebSocket(server.url("/failing"));
		Events failingEvents = Events.of(failing);
		List<Event> events = failingEvents.untilClose();
		assertThat(((CloseEvent) events.get(events.size() - 1)).code()).isEqualTo(1011);
		healthy.send("still here");
		assertThat(healthyEvents.nextData()).isEqualTo("still here");
		healthy.close();
	}

	@Test
	void aMessageOverTheEndpointLimitClosesWith1009AndTheServerSocketSeesAnError() throws Exception {
		WebSocket socket = new WebSocket(server.url("/small"));
		Events events = Events.of(socket);
		events.awaitOpen();
		socket.send("x".repeat(1024));
		assertThat(events.nextData()).isEqualTo("1024");
		socket.send("€".repeat(342));
		assertThat(events.awaitClose().code()).isEqualTo(1009);
		assertThat(smallServerSide.poll(Events.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("error");
		assertThat(smallServerSide.poll(Events.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("close 1006");
	}

	@Test
	void theSocketsEventsWaitForTheConnectionListenerHoweverLongItRuns() throws Exception {
		WebSocket socket = new WebSocket(server.url("/patient"));
		Events events = Events.of(socket);
		events.awaitOpen();
		socket.send("early");
		patientListenerMayReturn.countDown();
		assertThat(events.nextData()).isEqualTo("open, early");
		socket.close();
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			assertThat(latch.await(Events.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		// the example of the README, at another path
		@Bean
		WebSocketEndpoint readme() {
			return WebSocketEndpoint.path("/readme")
				.protocols("chat", "superchat")
				.onConnection((socket, handshake) -> {
					socket.onopen((event) -> socket.send("Hello " + handshake.queryParameter("name")));
					socket.onmessage((event) -> socket.send((String) event.data()));
				})
				.build();
		}

		@Bean
		WebSocketEndpoint patient() {
			return WebSocketEndpoint.path("/patient").onConnection((socket, handshake) -> {
				awaitUninterruptibly(patientListenerMayReturn);
				List<String> seen = new CopyOnWriteArrayList<>();
				socket.onopen((event) -> seen.add("open"));
				socket.onmessage((event) -> {
					seen.add((String) event.data());
					socket.send(String.join(", ", seen));
				});
			}).build();
		}

		@Bean
		WebSocketEndpoint echo() {
			return WebSocketEndpoint.path("/echo")
				.protocols("chat", "superchat")
				.onConnection((socket, handshake) -> socket.onmessage((event) -> {
					if ("protocol?".equals(event.data())) {
						socket.send("protocol=" + socket.protocol());
					}
					else if (event.data() instanceof String text) {
						socket.send(text);
					}
					else {
						socket.send((Blob) event.data());
					}
				}))
				.build();
		}

		@Bean
		WebSocketEndpoint handshake() {
			return WebSocketEndpoint.path("/handshake")
				.onConnection((socket, handshake) -> socket.onopen((event) -> socket.send("url=" + socket.url()
						+ "|room=" + handshake.queryParameter("room") + "|tags="
						+ handshake.queryParameters().get("tag") + "|flag=" + handshake.queryParameter("flag")
						+ "|token=" + handshake.headers().getFirst("X-Token") + "|principal=" + handshake.principal()
						+ "|remote=" + handshake.remoteAddress().getAddress().getHostAddress() + "|info=" + handshake)))
				.build();
		}

		@Bean
		WebSocketEndpoint broadcast() {
			return WebSocketEndpoint.path("/broadcast").onConnection((socket, handshake) -> {
			}).build();
		}

		@Bean
		WebSocketEndpoint failing() {
			return WebSocketEndpoint.path("/failing").onConnection((socket, handshake) -> {
				throw new IllegalStateException("Failing on purpose");
			}).build();
		}

		@Bean
		WebSocketEndpoint small() {
			return WebSocketEndpoint.path("/small")
				.maxTextMessageSize(DataSize.ofKilobytes(1))
				.onConnection((socket, handshake) -> {
					socket.onerror((event) -> smallServerSide.add("error"));
					socket.onclose((event) -> smallServerSide.add("close " + event.code()));
					socket.onmessage((event) -> socket.send(String.valueOf(((String) event.data()).length())));
				})
				.build();
		}

	}

}
