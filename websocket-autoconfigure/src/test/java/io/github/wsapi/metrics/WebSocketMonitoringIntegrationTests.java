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

package io.github.wsapi.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.jayway.jsonpath.JsonPath;
import io.github.wsapi.WebSocket;
import io.github.wsapi.monitoredapp.MonitoredApplication;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketClient;
import io.github.wsapi.testserver.RawWebSocketClient.Response;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the meters, the health indicator and the {@code websockets} endpoint in a
 * whole application, read over HTTP from {@code /actuator} while real clients and servers
 * open, stall, drain, fail and close connections.
 *
 * @author wsapi contributors
 */
@SpringBootTest(classes = MonitoredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,prometheus,websockets",
				"management.endpoint.health.show-details=always", "websocket.health.required-clients=feed",
				"websocket.health.grace-period=1s", "websocket.clients.feed.reconnect.enabled=true",
				"websocket.clients.feed.reconnect.initial-delay=100ms",
				"websocket.clients.feed.reconnect.max-delay=200ms", "websocket.clients.feed.reconnect.jitter=0",
				"websocket.clients.feed.shutdown-timeout=1s", "websocket.clients.slow.send-buffer.limit=64MB",
				"websocket.clients.slow.shutdown-timeout=1s",
				"websocket.clients.vault.url=wss://user:secret@127.0.0.1:1/path?token=abc",
				"websocket.clients.vault.headers.X-Api-Key=hdr-value",
				"websocket.clients.vault.connect-on-startup=false", "spring.main.banner-mode=off" })
@AutoConfigureMetrics
@DirtiesContext
@Timeout(120)
class WebSocketMonitoringIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final CountDownLatch peerReads = new CountDownLatch(1);

	private static SpringTestServer upstream;

	private static RawWebSocketServer stalledPeer;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	@Qualifier("slow")
	private WebSocket slow;

	@BeforeAll
	static void startServers() {
		upstream = SpringTestServer.start();
		stalledPeer = RawWebSocketServer.start(RawWebSocketServer.afterHandshake((connection) -> {
			peerReads.await();
			while (true) {
				connection.readFrame();
			}
		}));
	}

	@AfterAll
	static void stopServers() {
		upstream.close();
		stalledPeer.close();
	}

	@DynamicPropertySource
	static void clientUrls(DynamicPropertyRegistry registry) {
		registry.add("websocket.clients.feed.url", () -> upstream.url("/echo"));
		registry.add("websocket.clients.slow.url", () -> stalledPeer.url("/"));
	}

	@Test
	void fixedMetersAreReadThroughTheMetricsEndpointAndPrometheus() {
		await().atMost(TIMEOUT).until(() -> value("websocket.client.ready.state", "client:feed") == WebSocket.OPEN);
		assertThat(JsonPath.<String>read(get("/actuator/metrics/websocket.client.buffered.amount"), "$.baseUnit"))
			.isEqualTo("bytes");
		assertThat(value("websocket.server.sessions.active", "endpoint:/echo")).isZero();
		assertThat(JsonPath.<String>read(get("/actuator/metrics/websocket.server.buffered.amount"), "$.baseUnit"))
			.isEqualTo("bytes");
		String prometheus = get("/actuator/prometheus");
		assertThat(prometheus)
			.contains("websocket_client_ready_state{client=\"feed\"} 1.0",
					"websocket_client_buffered_amount_bytes{client=\"slow\"}",
					"websocket_server_sessions_active{endpoint=\"/echo\"}",
					"websocket_server_buffered_amount_bytes{endpoint=\"/flood\"}",
					"websocket_client_closes_total{client=\"feed\",code_class=\"going.away\"}",
					"websocket_server_handshakes_refused_total{endpoint=\"/single\",reason=\"capacity\"}")
			.doesNotContain("_total_total", "secret", "abc", "hdr-value");
		assertThat(seriesNames(prometheus)).containsExactly("websocket_client_buffered_amount_bytes",
				"websocket_client_closes_total", "websocket_client_connect_seconds_count",
				"websocket_client_connect_seconds_max", "websocket_client_connect_seconds_sum",
				"websocket_client_data_received_bytes_total", "websocket_client_data_sent_bytes_total",
				"websocket_client_errors_total", "websocket_client_listener_errors_total",
				"websocket_client_messages_received_total", "websocket_client_messages_sent_total",
				"websocket_client_ready_state", "websocket_client_reconnect_attempts_total",
				"websocket_server_buffered_amount_bytes", "websocket_server_closes_total",
				"websocket_server_data_received_bytes_total", "websocket_server_data_sent_bytes_total",
				"websocket_server_errors_total", "websocket_server_handshakes_refused_total",
				"websocket_server_listener_errors_total", "websocket_server_messages_received_total",
				"websocket_server_messages_sent_total", "websocket_server_sessions_active");
	}

	@Test
	void clientBufferedAmountRisesWhileThePeerDoesNotReadAndFallsToZeroOnceItReads() {
		await().atMost(TIMEOUT).until(() -> this.slow.readyState() == WebSocket.OPEN);
		for (int i = 0; i < 64; i++) {
			this.slow.send(new byte[256 * 1024]);
		}
		await().atMost(TIMEOUT).until(() -> value("websocket.client.buffered.amount", "client:slow") > 1024 * 1024);
		assertThat(get("/actuator/prometheus"))
			.containsPattern("websocket_client_buffered_amount_bytes\\{client=\"slow\"} [1-9]");
		peerReads.countDown();
		await().atMost(TIMEOUT).until(() -> value("websocket.client.buffered.amount", "client:slow") == 0);
	}

	@Test
	void serverMetersFollowOpensClosesAndAPeerThatDoesNotRead() throws Exception {
		List<WebSocket> sockets = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			sockets.add(new WebSocket("ws://127.0.0.1:" + this.port + "/echo"));
		}
		await().atMost(TIMEOUT).until(() -> value("websocket.server.sessions.active", "endpoint:/echo") == 3);
		sockets.forEach(WebSocket::close);
		await().atMost(TIMEOUT).until(() -> value("websocket.server.sessions.active", "endpoint:/echo") == 0);
		Response reader = RawWebSocketClient.connect(this.port, "/flood", 4096);
		await().atMost(TIMEOUT).until(() -> value("websocket.server.buffered.amount", "endpoint:/flood") > 1024 * 1024);
		CompletableFuture<Void> read = CompletableFuture.runAsync(() -> readFlood(reader.connection()));
		await().atMost(TIMEOUT).until(() -> value("websocket.server.buffered.amount", "endpoint:/flood") == 0);
		read.join();
		reader.connection().closeTcp();
	}

	@Test
	void readyStateAndHealthFollowTheServerOfARequiredClient() {
		await().atMost(TIMEOUT).until(() -> value("websocket.client.ready.state", "client:feed") == WebSocket.OPEN);
		await().atMost(TIMEOUT).until(() -> "UP".equals(health("$.components.websocket.status")));
		int upstreamPort = upstream.port();
		upstream.close();
		await().atMost(TIMEOUT).until(() -> value("websocket.client.ready.state", "client:feed") != WebSocket.OPEN);
		await().atMost(TIMEOUT).until(() -> "DOWN".equals(health("$.components.websocket.status")));
		assertThat(health("$.status")).isEqualTo("DOWN");
		assertThat(health("$.components.websocket.details.clients.feed.reconnecting")).isEqualTo(true);
		assertThat(health("$.components.websocket.details.clients.feed.lastCloseCode")).isEqualTo(1006);
		upstream = SpringTestServer.start("server.port=" + upstreamPort);
		await().atMost(TIMEOUT).until(() -> value("websocket.client.ready.state", "client:feed") == WebSocket.OPEN);
		await().atMost(TIMEOUT).until(() -> "UP".equals(health("$.components.websocket.status")));
		assertThat(value("websocket.client.reconnect.attempts", "client:feed")).isPositive();
		assertThat(value("websocket.client.connect", "client:feed", "outcome:failure")).isPositive();
	}

	@Test
	void refusedHandshakesAreCountedByReason() throws IOException {
		Response foreign = RawWebSocketClient.connect(this.port, "/echo", "Origin: http://evil.example");
		assertThat(foreign.status()).isEqualTo(403);
		Response first = RawWebSocketClient.connect(this.port, "/single");
		Response second = RawWebSocketClient.connect(this.port, "/single");
		assertThat(second.status()).isEqualTo(503);
		assertThat(value("websocket.server.handshakes.refused", "endpoint:/echo", "reason:origin")).isEqualTo(1);
		assertThat(value("websocket.server.handshakes.refused", "endpoint:/single", "reason:capacity")).isEqualTo(1);
		for (Response response : List.of(foreign, first, second)) {
			response.connection().closeTcp();
		}
	}

	@Test
	void websocketsEndpointListsClientsAndEndpointsWithoutSecrets() {
		String all = get("/actuator/websockets");
		assertThat(JsonPath.<String>read(all, "$.clients.vault.url")).isEqualTo("wss://127.0.0.1:1/path");
		assertThat(JsonPath.<String>read(all, "$.clients.vault.readyState")).isEqualTo("CONNECTING");
		assertThat(JsonPath.<Map<String, Object>>read(all, "$.clients")).containsKeys("feed", "slow", "vault");
		assertThat(JsonPath.<Integer>read(all, "$.endpoints['/single'].limits.maxSockets")).isEqualTo(1);
		assertThat(JsonPath.<Integer>read(all, "$.endpoints['/echo'].openSockets")).isNotNegative();
		assertThat(all).doesNotContain("secret", "abc", "hdr-value", "user");
		assertThat(get("/actuator/health")).doesNotContain("secret", "abc", "hdr-value");
		String vault = get("/actuator/websockets/vault");
		assertThat(JsonPath.<Map<String, Object>>read(vault, "$.clients")).containsOnlyKeys("vault");
		assertThat(JsonPath.<Map<String, Object>>read(vault, "$.endpoints")).isEmpty();
		String flood = get("/actuator/websockets/flood");
		assertThat(JsonPath.<Map<String, Object>>read(flood, "$.clients")).isEmpty();
		assertThat(JsonPath.<Map<String, Object>>read(flood, "$.endpoints")).containsOnlyKeys("/flood");
		assertThat(request("/actuator/websockets/nothing").statusCode()).isEqualTo(404);
	}

	@Test
	void numberOfMetersStaysConstantWhileAThousandSocketsOpenAndClose() throws IOException {
		int before = websocketMeters();
		List<Response> sockets = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			sockets.add(RawWebSocketClient.connect(this.port, "/echo"));
		}
		await().atMost(TIMEOUT).until(() -> sessionsActive("/echo") == 1000);
		assertThat(websocketMeters()).isEqualTo(before);
		sockets.forEach((socket) -> socket.connection().closeTcp());
		await().atMost(TIMEOUT).until(() -> sessionsActive("/echo") == 0);
		assertThat(websocketMeters()).isEqualTo(before);
	}

	private static void readFlood(RawConnection connection) {
		try {
			for (int i = 0; i < MonitoredApplication.FLOOD_MESSAGES; i++) {
				assertThat(connection.readMessage().payload()).hasSize(MonitoredApplication.FLOOD_MESSAGE_SIZE);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int websocketMeters() {
		return Search.in(this.registry).name((name) -> name.startsWith("websocket.")).meters().size();
	}

	private double sessionsActive(String endpoint) {
		return this.registry.get("websocket.server.sessions.active").tag("endpoint", endpoint).gauge().value();
	}

	private double value(String meter, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/" + meter);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? "?" : "&").append("tag=").append(tags[i]);
		}
		List<Number> values = JsonPath.read(get(path.toString()),
				"$.measurements[?(@.statistic in ['VALUE', 'COUNT'])].value");
		return values.get(0).doubleValue();
	}

	private Object health(String jsonPath) {
		return JsonPath.read(request("/actuator/health").body(), jsonPath);
	}

	private static Set<String> seriesNames(String prometheus) {
		Set<String> names = new TreeSet<>();
		for (String line : prometheus.split("\n")) {
			if (line.startsWith("websocket_")) {
				names.add(line.substring(0, line.indexOf('{')));
			}
		}
		return names;
	}

	private String get(String path) {
		HttpResponse<String> response = request(path);
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> request(String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
