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
package io.github.wsapi.testserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * A well-behaved peer: Spring WebSocket on embedded Tomcat, on a random loopback port.
 * <ul>
 * <li>{@code /echo} echoes every text and binary message, of any size, and offers the
 * subprotocols {@link #PROTOCOLS};</li>
 * <li>{@code /goodbye} sends {@code "Goodbye"}, then closes with 1000 {@code "Bye"};</li>
 * <li>{@code /handshake} sends the request's headers, one {@code name: value} line each,
 * followed by a line with the query string.</li>
 * </ul>
 * Every message the server receives is recorded in {@link #received()}, every close status
 * in {@link #closes()}.
 *
 * @author wsapi contributors
 */
public final class SpringTestServer implements AutoCloseable {

	/** Subprotocols the server accepts, in its order of preference. */
	public static final List<String> PROTOCOLS = List.of("echo", "chat", "foobar", "foobar2");

	private final ConfigurableApplicationContext context;

	private final Recorder recorder;

	private SpringTestServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.recorder = context.getBean(Recorder.class);
	}

	/**
	 * Start a server on a random loopback port.
	 * @return the running server
	 */
	public static SpringTestServer start() {
		return start(new String[0]);
	}

	/**
	 * Start a server with more properties, which win over the defaults: for example
	 * {@code "server.port=" + port} to start again on the port of a stopped server.
	 * @param properties the properties, as {@code key=value}
	 * @return the running server
	 */
	public static SpringTestServer start(String... properties) {
		return new SpringTestServer(new SpringApplicationBuilder(Endpoints.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"logging.level.root=warn")
			.properties(properties)
			.run());
	}

	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public String url(String path) {
		return "ws://127.0.0.1:" + port() + path;
	}

	/**
	 * Return the messages received by any endpoint: {@link String} or {@code byte[]}.
	 * @return the queue, in arrival order
	 */
	public BlockingQueue<Object> received() {
		return this.recorder.received;
	}

	/**
	 * Return the close status of every connection the server saw closed.
	 * @return the queue, in order
	 */
	public BlockingQueue<CloseStatus> closes() {
		return this.recorder.closes;
	}

	@Override
	public void close() {
		this.context.close();
	}

	static final class Recorder {

		final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

		final BlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableWebSocket
	static class Endpoints {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		WebSocketConfigurer testEndpoints(Recorder recorder) {
			DefaultHandshakeHandler handshakeHandler = new DefaultHandshakeHandler();
			handshakeHandler.setSupportedProtocols(PROTOCOLS.toArray(String[]::new));
			return (registry) -> {
				registry.addHandler(new Echo(recorder), "/echo").setHandshakeHandler(handshakeHandler);
				registry.addHandler(new Goodbye(recorder), "/goodbye");
				registry.addHandler(new Handshake(recorder), "/handshake");
			};
		}

	}

	private static class RecordingHandler extends AbstractWebSocketHandler {

		private final Recorder recorder;

		private final StringBuilder text = new StringBuilder();

		private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

		RecordingHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
			synchronized (this) {
				if (message instanceof TextMessage text) {
					this.text.append(text.getPayload());
					if (message.isLast()) {
						this.recorder.received.add(this.text.toString());
						this.text.setLength(0);
					}
				}
				else if (message instanceof BinaryMessage binary) {
					byte[] bytes = new byte[binary.getPayloadLength()];
					binary.getPayload().duplicate().get(bytes);
					this.binary.write(bytes);
					if (message.isLast()) {
						this.recorder.received.add(this.binary.toByteArray());
						this.binary.reset();
					}
				}
			}
			super.handleMessage(session, message);
		}

		@Override
		public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
			this.recorder.closes.add(status);
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

	private static final class Echo extends RecordingHandler {

		Echo(Recorder recorder) {
			super(recorder);
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

	}

	private static final class Goodbye extends RecordingHandler {

		Goodbye(Recorder recorder) {
			super(recorder);
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			session.sendMessage(new TextMessage("Goodbye"));
			session.close(new CloseStatus(1000, "Bye"));
		}

	}

	private static final class Handshake extends RecordingHandler {

		Handshake(Recorder recorder) {
			super(recorder);
		}

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			String headers = session.getHandshakeHeaders()
				.headerSet()
				.stream()
				.map((Map.Entry<String, List<String>> header) -> header.getKey().toLowerCase() + ": "
						+ String.join(", ", header.getValue()))
				.collect(Collectors.joining("\n"));
			session.sendMessage(new TextMessage(headers + "\nquery: " + session.getUri().getRawQuery()));
		}

	}

}
