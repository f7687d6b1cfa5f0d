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
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.testserver.RawWebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Rfc6455WebSocketClient} against a real Tomcat server.
 *
 * @author wsapi contributors
 */
class Rfc6455WebSocketClientTomcatTests {

	private static final int LARGE_MESSAGE_SIZE = 16 * 1024 * 1024;

	private static ConfigurableApplicationContext server;

	private static int port;

	private final Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();

	private final RecordingWebSocketHandler handler = new RecordingWebSocketHandler();

	private WebSocketSession session;

	@BeforeAll
	static void startServer() {
		server = new SpringApplicationBuilder(EchoServerConfiguration.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off")
			.run();
		port = Integer.parseInt(server.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void closeSession() throws IOException {
		if (this.session != null) {
			this.session.close(CloseStatus.NO_CLOSE_FRAME);
		}
	}

	@Test
	void acceptedProtocolIsTheOneTheServerSelected() throws Exception {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.setSecWebSocketProtocol(List.of("v1.chat", "v2.chat"));
		this.session = this.client.execute(this.handler, headers, uri("/echo")).get(10, TimeUnit.SECONDS);
		assertThat(this.session.getAcceptedProtocol()).isEqualTo("v2.chat");
	}

	@Test
	void acceptedProtocolIsEmptyWhenNoneWasOffered() throws Exception {
		connect("/echo");
		assertThat(this.session.getAcceptedProtocol()).isEmpty();
		assertThat(this.session.getExtensions()).isEmpty();
	}

	@Test
	void sessionDescribesTheConnection() throws Exception {
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.add("X-Test", "value");
		URI uri = uri("/echo?q=1");
		this.session = this.client.execute(this.handler, headers, uri).get(10, TimeUnit.SECONDS);
		assertThat(this.session.getId()).isNotBlank();
		assertThat(this.session.getUri()).isEqualTo(uri);
		assertThat(this.session.getHandshakeHeaders().getFirst("X-Test")).isEqualTo("value");
		assertThat(this.session.getPrincipal()).isNull();
		assertThat(this.session.getRemoteAddress().getPort()).isEqualTo(port);
		assertThat(this.session.getLocalAddress().getPort()).isPositive();
		assertThat(this.session.isOpen()).isTrue();
		assertThat(this.session.toString()).doesNotContain("q=1");
	}

	@Test
	void sessionIdsAreUnique() throws Exception {
		WebSocketSession first = this.client.execute(this.handler, uri("/echo").toString()).get(10, TimeUnit.SECONDS);
		this.session = this.client.execute(new RecordingWebSocketHandler(), uri("/echo").toString())
			.get(10, TimeUnit.SECONDS);
		first.close(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.session.getId()).isNotEqualTo(first.getId());
	}

	@Test
	void textMessageIsEchoed() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage("héllo wörld €𝄞"));
		assertThat(this.handler.nextText()).isEqualTo("héllo wörld €𝄞");
	}

	@Test
	void binaryMessageIsSentFromPositionToLimitWithoutConsumingTheBuffer() throws Exception {
		connect("/echo");
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 0, 1, 2, 3, 4, 5 });
		buffer.position(2).limit(5);
		this.session.sendMessage(new BinaryMessage(buffer));
		assertThat(this.handler.nextBinary()).containsExactly(2, 3, 4);
		assertThat(buffer.position()).isEqualTo(2);
		assertThat(buffer.limit()).isEqualTo(5);
	}

	@Test
	void emptyMessagesAreEchoed() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage(""));
		this.session.sendMessage(new BinaryMessage(new byte[0]));
		assertThat(this.handler.nextText()).isEmpty();
		assertThat(this.handler.nextBinary()).isEmpty();
	}

	@Test
	void messagesAcrossLengthEncodingsAreEchoed() throws Exception {
		connect("/echo");
		for (int size : new int[] { 125, 126, 65535, 65536, 200_003 }) {
			byte[] payload = randomBytes(size);
			this.session.sendMessage(new BinaryMessage(payload));
			assertThat(this.handler.nextBinary()).isEqualTo(payload);
		}
	}

	@Test
	void pingIsAnsweredByTheServerWithPong() throws Exception {
		connect("/echo");
		this.session.sendMessage(new PingMessage(ByteBuffer.wrap("ping!".getBytes())));
		WebSocketMessage<?> message = this.handler.nextMessage();
		assertThat(message).isInstanceOf(PongMessage.class);
		assertThat(RecordingWebSocketHandler.bytes(((PongMessage) message).getPayload())).isEqualTo("ping!".getBytes());
	}

	@Test
	void fragmentedServerMessageIsDeliveredWhole() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage("fragments"));
		assertThat(this.handler.nextText()).isEqualTo("Hello, fragmented world");
		assertThat(this.handler.getEvents()).containsExactly("open", "text Hello, fragmented world");
	}

	@Test
	void largeBinaryMessageRoundTripIsFast() throws Exception {
		connect("/echo");
		byte[] payload = randomBytes(LARGE_MESSAGE_SIZE);
		Duration fastest = fastestOfThreeAfterWarmUp(() -> {
			this.session.sendMessage(new BinaryMessage(payload));
			assertThat(this.handler.nextBinary()).isEqualTo(payload);
		});
		assertThat(fastest).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void largeTextMessageRoundTripIsFast() throws Exception {
		connect("/echo");
		String payload = "0123456789abcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00fc\u20ac\ud834\udd1e"
			.repeat(LARGE_MESSAGE_SIZE / 49);
		Duration fastest = fastestOfThreeAfterWarmUp(() -> {
			this.session.sendMessage(new TextMessage(payload));
			assertThat(this.handler.nextText()).isEqualTo(payload);
		});
		assertThat(fastest).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void closeReportsTheCloseStatusEchoedByTheServer() throws Exception {
		connect("/echo");
		this.session.close(new CloseStatus(4000, "bye"));
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(4000);
		assertThat(status.getReason()).isEqualTo("bye");
		assertThat(this.handler.getTransportError()).isNull();
		assertThat(this.handler.getClosingThread()).startsWith("websocket-io-");
		assertThat(this.handler.getEvents()).containsExactly("open", "closed 4000 bye");
	}

	@Test
	void serverInitiatedCloseIsCleanWithTheServerCode() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage("close 4001 going"));
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(4001);
		assertThat(status.getReason()).isEqualTo("going");
		assertThat(this.handler.getTransportError()).isNull();
		assertThat(this.session.isOpen()).isFalse();
	}

	@Test
	void sendingAfterCloseThrowsIOException() throws Exception {
		connect("/echo");
		this.session.close();
		assertThat(this.session.isOpen()).isFalse();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.session.sendMessage(new TextMessage("too late")));
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(1000);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.session.sendMessage(new TextMessage("too late")));
	}

	@Test
	void sendingAfterThePeerClosedThrowsIOException() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage("close 1000 done"));
		this.handler.awaitClose();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.session.sendMessage(new TextMessage("too late")));
	}

	@Test
	void closeIsIgnoredOnceTheCloseFrameWasSent() throws Exception {
		connect("/echo");
		this.session.close(new CloseStatus(4000, "first"));
		this.session.close(new CloseStatus(4001, "second"));
		assertThat(this.handler.awaitClose().getCode()).isEqualTo(4000);
	}

	@Test
	void afterConnectionClosedIsCalledExactlyOnceAndLast() throws Exception {
		connect("/echo");
		this.session.sendMessage(new TextMessage("one"));
		this.session.sendMessage(new TextMessage("close 1000 done"));
		this.handler.awaitClose();
		this.session.close();
		this.session.close(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getEvents()).containsExactly("open", "text one", "closed 1000 done");
		assertThat(this.handler.getClosedCount()).isOne();
	}

	@Test
	void abortReportsNoCloseFrameWithoutTransportError() throws Exception {
		connect("/echo");
		this.session.close(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).isNull();
	}

	@Test
	void exceptionInAfterConnectionEstablishedClosesWith1011() throws Exception {
		RecordingWebSocketHandler failing = new RecordingWebSocketHandler() {

			@Override
			public void afterConnectionEstablished(WebSocketSession session) {
				throw new IllegalStateException("boom");
			}

		};
		this.session = this.client.execute(failing, uri("/echo").toString()).get(10, TimeUnit.SECONDS);
		assertThat(failing.awaitClose().getCode()).isEqualTo(1011);
		assertThat(failing.getTransportError()).isNull();
	}

	@Test
	void exceptionInHandleMessageDoesNotStopTheReader() throws Exception {
		RecordingWebSocketHandler failing = new RecordingWebSocketHandler() {

			private boolean failed;

			@Override
			public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
				super.handleMessage(session, message);
				if (!this.failed) {
					this.failed = true;
					throw new IllegalStateException("boom");
				}
			}

		};
		this.session = this.client.execute(failing, uri("/echo").toString()).get(10, TimeUnit.SECONDS);
		this.session.sendMessage(new TextMessage("one"));
		this.session.sendMessage(new TextMessage("two"));
		assertThat(failing.nextText()).isEqualTo("one");
		assertThat(failing.nextText()).isEqualTo("two");
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void messageOverTheLimitFailsTheConnectionWith1009() throws Exception {
		this.client.setMaxMessageSize(1000);
		connect("/echo");
		this.session.sendMessage(new TextMessage("x".repeat(1001)));
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).hasMessageContaining("limit");
		assertThat(this.handler.getEvents()).containsExactly("open", "error", "closed 1006 null");
	}

	@Test
	void sessionSizeLimitSettersAdjustTheLimit() throws Exception {
		connect("/echo");
		assertThat(this.session.getTextMessageSizeLimit()).isEqualTo(64 * 1024 * 1024);
		this.session.setBinaryMessageSizeLimit(10);
		assertThat(this.session.getBinaryMessageSizeLimit()).isEqualTo(10);
		this.session.sendMessage(new TextMessage("longer than ten bytes"));
		assertThat(this.handler.nextText()).isEqualTo("longer than ten bytes");
		this.session.sendMessage(new BinaryMessage(new byte[11]));
		assertThat(this.handler.awaitClose()).isEqualTo(CloseStatus.NO_CLOSE_FRAME);
		assertThat(this.handler.getTransportError()).isNotNull();
	}

	@Test
	void refusedConnectionCompletesTheFutureExceptionally() throws Exception {
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler,
				"ws://127.0.0.1:" + RawWebSocketServer.refusedPort() + "/");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(ConnectException.class);
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void unknownHostCompletesTheFutureExceptionally() {
		this.client.setConnectTimeout(Duration.ofSeconds(5));
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, "ws://host.invalid/");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS));
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void notFoundIsAHandshakeFailure() {
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, uri("/missing").toString());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withMessageContaining("404");
	}

	@Test
	void taskExecutorRunsTheConnectionAndItsReader() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "custom-io"));
		try {
			this.client.setTaskExecutor(executor);
			connect("/echo");
			this.session.close();
			this.handler.awaitClose();
			assertThat(this.handler.getClosingThread()).isEqualTo("custom-io");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectedExecutionCompletesTheFutureExceptionally() {
		this.client.setTaskExecutor((task) -> {
			throw new RejectedExecutionException("busy");
		});
		CompletableFuture<WebSocketSession> future = this.client.execute(this.handler, uri("/echo").toString());
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(RejectedExecutionException.class);
	}

	@Test
	void sendMessageIsThreadSafe() throws Exception {
		connect("/echo");
		int threads = 4;
		int perThread = 200;
		CompletableFuture<?>[] senders = new CompletableFuture<?>[threads];
		for (int t = 0; t < threads; t++) {
			int id = t;
			senders[t] = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < perThread; i++) {
					try {
						this.session.sendMessage(new TextMessage(id + ":" + i + ":" + "x".repeat(1000)));
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
				}
			});
		}
		CompletableFuture.allOf(senders).get(10, TimeUnit.SECONDS);
		for (int i = 0; i < threads * perThread; i++) {
			assertThat(this.handler.nextText()).endsWith("x".repeat(1000));
		}
		await().untilAsserted(() -> assertThat(this.session.isOpen()).isTrue());
	}

	private static Duration fastestOfThreeAfterWarmUp(RoundTrip roundTrip) throws Exception {
		roundTrip.run();
		Duration fastest = Duration.ofDays(1);
		for (int i = 0; i < 3; i++) {
			long start = System.nanoTime();
			roundTrip.run();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			fastest = (elapsed.compareTo(fastest) < 0) ? elapsed : fastest;
		}
		return fastest;
	}

	private void connect(String path) throws Exception {
		this.session = this.client.execute(this.handler, uri(path).toString()).get(10, TimeUnit.SECONDS);
	}

	private static URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + port + path);
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	static class EchoServerConfiguration implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new EchoHandler(), "/echo");
		}

		@Bean
		ServletServerContainerFactoryBean servletServerContainer() {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxTextMessageBufferSize(LARGE_MESSAGE_SIZE + 1024);
			container.setMaxBinaryMessageBufferSize(LARGE_MESSAGE_SIZE + 1024);
			return container;
		}

	}

	/**
	 * Echoes whole messages; {@code close <code> <reason>} closes and {@code fragments}
	 * answers with a fragmented message.
	 */
	static class EchoHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			String payload = message.getPayload();
			if (payload.startsWith("close ")) {
				String[] parts = payload.split(" ", 3);
				session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2]));
			}
			else if (payload.equals("fragments")) {
				session.sendMessage(new TextMessage("Hello, ", false));
				session.sendMessage(new TextMessage("fragmented ", false));
				session.sendMessage(new TextMessage("world", true));
			}
			else {
				session.sendMessage(message);
			}
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		public List<String> getSubProtocols() {
			return List.of("v2.chat");
		}

	}

	@FunctionalInterface
	interface RoundTrip {

		void run() throws Exception;

	}

}
