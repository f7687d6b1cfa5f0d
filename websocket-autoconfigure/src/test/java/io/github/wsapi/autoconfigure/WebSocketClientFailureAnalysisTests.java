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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.wsapi.DOMException;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests for what an application that configures its WebSocket clients wrongly prints when
 * it fails at startup: Spring Boot's failure report, naming the property and the reason,
 * or the analysis of {@link WebSocketClientFailureAnalyzer}.
 *
 * @author wsapi contributors
 */
@ExtendWith(OutputCaptureExtension.class)
class WebSocketClientFailureAnalysisTests {

	static Stream<Arguments> invalidProperties() {
		return Stream.of(
				invalid("websocket.client.url=ftp://feed.example.com/prices", "websocket.client.url",
						"The URL's scheme must be 'ws', 'wss', 'http' or 'https'"),
				invalid("websocket.client.url=wss://feed.example.com/prices#latest", "websocket.client.url",
						"The URL must not have a fragment"),
				invalid("websocket.client.url=wss://feed example.com/prices", "websocket.client.url",
						"The URL's host is invalid"),
				invalid("websocket.client.url=feed.example.com/prices", "websocket.client.url",
						"The URL is not absolute"),
				invalid("websocket.client.protocols=prices v2", "websocket.client.protocols",
						"'prices v2' is not a valid subprotocol name"),
				invalid("websocket.client.protocols=prices.v2,prices.v2", "websocket.client.protocols",
						"The subprotocol 'prices.v2' is duplicated"),
				invalid("websocket.client.binary-type=text", "websocket.client.binaryType",
						"Must be 'blob' or 'arraybuffer'"),
				invalid("websocket.client.connect-timeout=0s", "websocket.client.connectTimeout",
						"Must be more than 0"),
				invalid("websocket.client.shutdown-timeout=-1s", "websocket.client.shutdownTimeout",
						"Must be more than 0"),
				invalid("websocket.client.max-message-size=0", "websocket.client.maxMessageSize",
						"Must be more than 0 bytes"),
				invalid("websocket.client.heartbeat.ping-interval=-5s", "websocket.client.heartbeat.pingInterval",
						"Must be more than 0"),
				invalid("websocket.client.heartbeat.pong-timeout=0ms", "websocket.client.heartbeat.pongTimeout",
						"Must be more than 0"),
				invalid("websocket.client.reconnect.initial-delay=0s", "websocket.client.reconnect.initialDelay",
						"Must be more than 0"),
				invalid("websocket.client.reconnect.multiplier=0.5", "websocket.client.reconnect.multiplier",
						"Must be 1 or more"),
				invalid("websocket.client.reconnect.jitter=-1ms", "websocket.client.reconnect.jitter",
						"Must not be negative"),
				invalid("websocket.client.reconnect.stop-codes=999", "websocket.client.reconnect.stopCodes",
						"Close codes are between 1000 and 4999, not 999"),
				invalid("websocket.client.send-buffer.limit=0B", "websocket.client.send-buffer.limit",
						"Must be more than 0 bytes"),
				invalid("websocket.clients.prices.protocols=prices.v2", "websocket.clients.prices.url",
						"A named client needs a URL"),
				invalid("websocket.clients.prices.url=ws://example.com/#top", "websocket.clients.prices.url",
						"The URL must not have a fragment"),
				invalid("websocket.clients.webSocket.url=ws://127.0.0.1:9/", "websocket.clients[webSocket].url",
						"The name 'webSocket' is the bean name of the unnamed client"),
				invalid("websocket.client.ssl.bundle=missing", "websocket.client.ssl.bundle",
						"No SSL bundle named 'missing' is configured under 'spring.ssl.bundle'"),
				invalid("websocket.client.listener-executor=feedExecutor", "websocket.client.listener-executor",
						"No bean named 'feedExecutor' is defined"));
	}

	private static Arguments invalid(String property, String reportedProperty, String reason) {
		return Arguments.of(property, reportedProperty, reason);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidProperties")
	void invalidPropertyFailsStartupWithAReportThatNamesItAndTheReason(String property, String reportedProperty,
			String reason, CapturedOutput output) {
		List<String> args = new ArrayList<>(List.of("--" + property));
		if (property.startsWith("websocket.clients.prices.")) {
			args.add("--websocket.clients.prices.connect-on-startup=false");
		}
		else if (!property.startsWith("websocket.client.url=")) {
			args.add("--websocket.client.url=ws://127.0.0.1:9/");
		}
		args.add("--websocket.client.connect-on-startup=false");
		String[] arguments = args.toArray(String[]::new);
		assertThatException().isThrownBy(() -> run(ClientConfiguration.class, arguments));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(reportedProperty)
			.contains(reason)
			.doesNotContain("Application run failed");
	}

	@Test
	void reportShowsWhereTheInvalidValueComesFrom(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run(ClientConfiguration.class, "--websocket.client.url=ftp://feed.example.com/prices"));
		assertThat(output).contains("Property: websocket.client.url")
			.contains("Value: \"ftp://feed.example.com/prices\"")
			.contains("Origin: \"websocket.client.url\" from property source \"commandLineArgs\"")
			.contains("Reason: The URL's scheme must be 'ws', 'wss', 'http' or 'https'")
			.contains("Update your application's configuration");
	}

	@Test
	void sendingBeforeTheClientIsOpenIsExplained(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run(EagerSenderConfiguration.class, "--websocket.client.url=ws://127.0.0.1:9/"));
		assertThat(output)
			.contains("A WebSocket was used before it was open in bean 'eagerSender': "
					+ "InvalidStateError: Still in CONNECTING state")
			.contains("Send from an 'open' listener, added by a WebSocketClientCustomizer bean");
	}

	@Test
	void applicationsOwnWebSocketWithAnInvalidUrlIsExplained(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(OwnInvalidWebSocketConfiguration.class));
		assertThat(output).contains("A WebSocket could not be created in bean 'feed': SyntaxError: The URL's scheme "
				+ "must be 'ws', 'wss', 'http' or 'https'");
	}

	@Test
	void otherDomExceptionsAreLeftToOtherAnalyzers() {
		DOMException failure = new DOMException("The close code must be 1000 or in 3000-4999, not 1001",
				"InvalidAccessError");
		assertThat(new WebSocketClientFailureAnalyzer().analyze(new BeanCreationException("feed", "failed", failure)))
			.isNull();
	}

	@Test
	void analysisNamesTheInnermostBeanThatFailed() {
		DOMException failure = new DOMException("Still in CONNECTING state", "InvalidStateError");
		BeanCreationException creation = new BeanCreationException("service", "failed",
				new BeanCreationException("sender", "failed", failure));
		FailureAnalysis analysis = new WebSocketClientFailureAnalyzer().analyze(creation);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("A WebSocket was used before it was open in bean 'sender'");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	private static void run(Class<?> configuration, String... args) {
		new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run(args)
			.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebSocketClientAutoConfiguration.class, SslAutoConfiguration.class })
	static class ClientConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WebSocketClientAutoConfiguration.class)
	static class EagerSenderConfiguration {

		@Bean
		EagerSender eagerSender(WebSocket socket) {
			return new EagerSender(socket);
		}

	}

	static class EagerSender implements InitializingBean {

		private final WebSocket socket;

		EagerSender(WebSocket socket) {
			this.socket = socket;
		}

		@Override
		public void afterPropertiesSet() {
			this.socket.send("too early");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnInvalidWebSocketConfiguration {

		@Bean
		WebSocket feed() {
			return new WebSocket("ftp://feed.example.com/prices", List.of(),
					WebSocketOptions.builder().connectOnCreate(false).build());
		}

	}

}
