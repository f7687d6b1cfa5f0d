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

package io.github.wsapi.plainapp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.server.WebSocketEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the starter on a real class path without Micrometer and Actuator: the client
 * bean and the endpoint work, and none of the metrics or Actuator parts is created.
 *
 * @author wsapi contributors
 */
@SpringBootTest(classes = PlainApplication.class, webEnvironment = WebEnvironment.DEFINED_PORT)
class WithoutActuatorTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@Autowired
	private ApplicationContext context;

	@Autowired
	private WebSocket webSocket;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("websocket.client.url", () -> "ws://127.0.0.1:" + PORT + "/echo");
	}

	@Test
	void classPathHasNeitherMicrometerNorActuator() {
		assertThat(ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", null))
			.isFalse();
	}

	@Test
	void clientBeanTalksToTheEndpoint() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.webSocket.readyState() == WebSocket.OPEN);
		CompletableFuture<Object> echo = new CompletableFuture<>();
		this.webSocket.addEventListener(EventType.MESSAGE, (event) -> echo.complete(event.data()));
		this.webSocket.send("hello");
		assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
		assertThat(this.context.getBean("echo", WebSocketEndpoint.class).sockets()).hasSize(1);
	}

	@Test
	void noMetricsOrActuatorBeans() {
		assertThat(this.context.getBeanDefinitionNames()).noneMatch((name) -> name.startsWith("webSocketClientMetrics")
				|| name.startsWith("webSocketServerMetrics") || name.startsWith("webSocketClientTracker")
				|| name.equals("websocketHealthIndicator") || name.equals("webSocketsEndpoint"));
	}

}
