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

package io.github.wsapi.autoconfigure;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.EventLog;
import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.clientapp.FeedApplication;
import io.github.wsapi.clientapp.FeedApplication.Greeter;
import io.github.wsapi.clientapp.FeedApplication.Logs;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for auto-configured WebSocket clients in a whole application, configured from
 * {@code feed.yml}, against real servers on loopback.
 *
 * @author wsapi contributors
 */
@Timeout(120)
class WebSocketClientIntegrationTests {

	private static final Duration TIMEOUT = EventLog.TIMEOUT;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeResources() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void applicationConfiguredByYamlAloneReceivesMessagesThroughItsInjectedClients() {
		SpringTestServer server = server();
		ConfigurableApplicationContext app = feedApplication(server.port());
		Logs logs = app.getBean(Logs.class);
		Greeter greeter = app.getBean(Greeter.class);
		assertThat(logs.of("webSocket").await("message", 2)).containsExactly("handshake attempt=0 rs=0", "open rs=1",
				"message rs=1 text:hello", "message rs=1 arraybuffer:3");
		assertThat(greeter.feed().protocol()).isEqualTo("chat");
		assertThat(logs.of("audit").await("message", 1))
			.anySatisfy((line) -> assertThat(line).contains("authorization: Bearer secret-token")
				.contains("x-feed-client: audit"));
		assertThat(greeter.audit()).isSameAs(app.getBean("audit", WebSocket.class));
	}

	@Test
	void reconnectsWhenTheServerRestartsOnTheSamePort() {
		SpringTestServer server = server();
		int port = server.port();
		ConfigurableApplicationContext app = feedApplication(port, "--websocket.client.reconnect.enabled=true",
				"--websocket.client.reconnect.initial-delay=50ms", "--websocket.client.reconnect.max-delay=200ms",
				"--websocket.client.reconnect.jitter=0", "--websocket.clients.audit.connect-on-startup=false");
		EventLog log = app.getBean(Logs.class).of("webSocket");
		WebSocket socket = app.getBean(WebSocket.class);
		log.await("message", 2);
		server.close();
		log.await("close", 2);
		assertThat(socket.readyState()).isIn(WebSocket.CONNECTING, WebSocket.CLOSED);
		assertThat(socket.reconnectAttempts()).isPositive();
		server(SpringTestServer.start("server.port=" + port));
		log.await("message", 4);
		List<String> lines = log.lines();
		assertThat(lines.subList(0, 4)).containsExactly("handshake attempt=0 rs=0", "open rs=1",
				"message rs=1 text:hello", "message rs=1 arraybuffer:3");
		// the server goes away (Tomcat drops upgraded connections without a Close frame),
		// then
		// every attempt fails while it is down: CONNECTING, then error and close, each
		// time
		List<String> outage = lines.subList(4, lines.size() - 3);
		assertThat(outage).allMatch((line) -> line.matches("handshake attempt=[1-9]\\d* rs=0|error rs=3"
				+ "|close rs=3 code=1006 clean=false|close rs=3 code=1001 clean=true"));
		assertThat(outage).filteredOn((line) -> line.startsWith("close")).hasSizeGreaterThanOrEqualTo(2);
		assertThat(outage.get(outage.size() - 1)).startsWith("handshake attempt=");
		assertThat(lines.subList(lines.size() - 3, lines.size())).containsExactly("open rs=1",
				"message rs=1 text:hello", "message rs=1 arraybuffer:3");
		assertThat(socket.readyState()).isEqualTo(WebSocket.OPEN);
		assertThat(socket.reconnectAttempts()).isZero();
	}

	@Test
	void heartbeatFailsTheConnectionOfAPeerThatStopsAnsweringPings() throws Exception {
		// timed at the peer: listeners added after startup could miss a fast failure
		CompletableFuture<Long> accepted = new CompletableFuture<>();
		CompletableFuture<Long> dropped = new CompletableFuture<>();
		RawWebSocketServer peer = RawWebSocketServer.start((connection) -> {
			connection.acceptHandshake(connection.readHandshake(), "Sec-WebSocket-Protocol: chat");
			accepted.complete(System.nanoTime());
			try {
				while (true) {
					connection.readFrame();
				}
			}
			finally {
				dropped.complete(System.nanoTime());
			}
		});
		this.resources.add(peer);
		Duration pingInterval = Duration.ofMillis(100);
		Duration pongTimeout = Duration.ofMillis(200);
		ConfigurableApplicationContext app = feedApplication(0, "--websocket.client.url=" + peer.url("/"),
				"--websocket.client.heartbeat.ping-interval=" + pingInterval.toMillis() + "ms",
				"--websocket.client.heartbeat.pong-timeout=" + pongTimeout.toMillis() + "ms",
				"--websocket.clients.audit.connect-on-startup=false");
		EventLog log = app.getBean(Logs.class).of("webSocket");
		assertThat(log.await("close", 1)).containsExactly("handshake attempt=0 rs=0", "open rs=1", "error rs=3",
				"close rs=3 code=1006 clean=false");
		Duration openFor = Duration.ofNanos(dropped.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				- accepted.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
		assertThat(openFor).isLessThan(pingInterval.plus(pongTimeout).plusSeconds(1));
		RawConnection connection = peer.awaitConnection(TIMEOUT);
		assertThat(connection.framesReceived())
			.anySatisfy((frame) -> assertThat(frame.opcode()).isEqualTo(RawConnection.PING));
	}

	@Test
	void shutdownSendsEveryQueuedMessageThenClose1001() throws Exception {
		SpringTestServer server = server();
		ConfigurableApplicationContext app = feedApplication(server.port(),
				"--websocket.clients.audit.connect-on-startup=false");
		WebSocket socket = app.getBean(WebSocket.class);
		app.getBean(Logs.class).of("webSocket").await("message", 2);
		server.received().clear();
		int count = 200;
		List<byte[]> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(ByteBuffer.allocate(64 * 1024).putInt(i).array());
		}
		messages.forEach(socket::send);
		long queuedAtShutdown = socket.bufferedAmount();
		app.close();
		assertThat(queuedAtShutdown).isPositive();
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
		CloseStatus status = server.closes().poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(status).isEqualTo(new CloseStatus(1001, "Going away"));
		assertThat(server.received()).hasSize(count);
		List<Object> received = new ArrayList<>(server.received());
		for (int i = 0; i < count; i++) {
			assertThat(received.get(i)).isEqualTo(messages.get(i));
		}
	}

	@Test
	void sslBundleSuppliesTheTrustForWss(@TempDir Path directory) throws Exception {
		Path keyStore = directory.resolve("server.p12");
		Path certificate = directory.resolve("server.pem");
		keytool("-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, "changeit".toCharArray());
		}
		Files.writeString(certificate,
				"-----BEGIN CERTIFICATE-----\n"
						+ Base64.getMimeEncoder().encodeToString(store.getCertificate("localhost").getEncoded())
						+ "\n-----END CERTIFICATE-----\n");
		SpringTestServer server = server("server.ssl.bundle=server",
				"spring.ssl.bundle.jks.server.keystore.location=file:" + keyStore,
				"spring.ssl.bundle.jks.server.keystore.password=changeit",
				"spring.ssl.bundle.jks.server.keystore.type=PKCS12");
		String url = "wss://localhost:" + server.port() + "/echo";
		ConfigurableApplicationContext app = feedApplication(server.port(), "--websocket.client.url=" + url,
				"--websocket.client.ssl.bundle=trusted",
				"--spring.ssl.bundle.pem.trusted.truststore.certificate=file:" + certificate,
				"--websocket.clients.audit.url=" + url);
		Logs logs = app.getBean(Logs.class);
		assertThat(logs.of("webSocket").await("message", 2)).contains("open rs=1", "message rs=1 text:hello");
		assertThat(logs.of("audit").await("close", 1)).containsExactly("handshake attempt=0 rs=0", "error rs=3",
				"close rs=3 code=1006 clean=false");
	}

	@Test
	void lazyInitializationStillConnectsAtStartupWithCustomizersApplied() {
		SpringTestServer server = server();
		ConfigurableApplicationContext app = feedApplication(server.port(), "--spring.main.lazy-initialization=true",
				"--websocket.clients.audit.connect-on-startup=false");
		EventLog log = app.getBean(Logs.class).of("webSocket");
		assertThat(log.await("open", 1)).startsWith("handshake attempt=0 rs=0", "open rs=1");
	}

	private ConfigurableApplicationContext feedApplication(int port, String... args) {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(FeedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.name=feed", "feed.port=" + port, "spring.main.banner-mode=off",
					"logging.level.root=warn")
			.run(args);
		this.resources.add(app);
		return app;
	}

	private SpringTestServer server(String... properties) {
		return server(SpringTestServer.start(properties));
	}

	private SpringTestServer server(SpringTestServer server) {
		this.resources.add(server);
		return server;
	}

	private static void keytool(String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

}
