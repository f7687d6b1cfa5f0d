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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Message;
import io.github.wsapi.testserver.RawWebSocketClient;
import io.github.wsapi.testserver.RawWebSocketClient.Response;
import io.github.wsapi.server.WebSocketEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for {@link WebSocketServerAutoConfiguration} in Spring Boot applications on
 * embedded Tomcat, with every auto-configuration of the classpath.
 *
 * @author wsapi contributors
 */
@Timeout(60)
@ExtendWith(OutputCaptureExtension.class)
class WebSocketServerAutoConfigurationIntegrationTests {

	@Test
	void appliesThePropertiesToEveryEndpoint() throws IOException {
		try (ConfigurableApplicationContext context = run("websocket.server.max-sockets=1",
				"websocket.server.max-text-message-size=16B", "websocket.server.permessage-deflate.enabled=true")) {
			int port = port(context);
			Response response = RawWebSocketClient.connect(port, "/echo",
					"Sec-WebSocket-Extensions: permessage-deflate");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
			assertThat(RawWebSocketClient.connect(port, "/echo").status()).isEqualTo(503);
			response.send(RawConnection.TEXT, "seventeen bytes!!".getBytes(StandardCharsets.UTF_8), true);
			assertThat(closeCode(response)).isEqualTo(1009);
		}
	}

	@Test
	void worksWithLazyInitialization() throws IOException {
		List<Response> clients = new ArrayList<>();
		try (ConfigurableApplicationContext context = run("spring.main.lazy-initialization=true")) {
			Response response = RawWebSocketClient.connect(port(context), "/echo");
			response.send(RawConnection.TEXT, "lazy".getBytes(StandardCharsets.UTF_8), true);
			assertThat(response.connection().readMessage().text()).isEqualTo("lazy");
			clients.add(response);
		}
		assertThat(closeCode(clients.get(0))).as("the close code at shutdown").isEqualTo(1001);
	}

	@Test
	void reportsAnInvalidPropertyValueWithItsName(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("websocket.server.max-sockets=0"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Origin: \"websocket.server.max-sockets\"")
			.contains("Reason: must be positive, or -1 for no limit");
	}

	@Test
	void reportsAPropertyValueOfTheWrongTypeWithItsName(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("websocket.server.send-time-limit=soon"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: websocket.server.send-time-limit")
			.contains("Value: \"soon\"");
	}

	private static ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(EchoApplication.class).web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static int closeCode(Response response) throws IOException {
		Message message = response.connection().readMessage();
		while (message.opcode() != RawConnection.CLOSE) {
			message = response.connection().readMessage();
		}
		response.connection().closeTcp();
		return ByteBuffer.wrap(message.payload()).getShort() & 0xFFFF;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EchoApplication {

		@Bean
		WebSocketEndpoint echo() {
			return WebSocketEndpoint.path("/echo")
				.onConnection((socket, handshake) -> socket.onmessage((event) -> socket.send((String) event.data())))
				.build();
		}

	}

}
