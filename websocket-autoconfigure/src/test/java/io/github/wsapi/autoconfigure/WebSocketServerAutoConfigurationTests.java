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

import java.util.List;
import java.util.Map;

import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.server.WebSocketEndpoint;
import io.github.wsapi.server.WebSocketEndpointRegistrar;
import io.github.wsapi.server.WebSocketGracefulShutdownLifecycle;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketConfiguration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WebSocketServerAutoConfiguration}.
 *
 * @author wsapi contributors
 */
class WebSocketServerAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketServerAutoConfiguration.class));

	@Test
	void registersEndpointBeansThroughSpringWebSocketsHandlerRegistry() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketEndpointRegistrar.class)
				.hasSingleBean(WebSocketGracefulShutdownLifecycle.class)
				.hasSingleBean(DelegatingWebSocketConfiguration.class);
			assertThat(context.getBean(WebSocketEndpointRegistrar.class).getEndpoints())
				.containsExactly(context.getBean(WebSocketEndpoint.class));
			assertThat(urlMap(context.getBean("webSocketHandlerMapping"))).containsOnlyKeys("/echo");
		});
	}

	@Test
	void backsOffWithoutEndpointBeans() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRegistrar.class)
			.doesNotHaveBean(WebSocketGracefulShutdownLifecycle.class)
			.doesNotHaveBean(DelegatingWebSocketConfiguration.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("websocket.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpointRegistrar.class)
				.doesNotHaveBean(DelegatingWebSocketConfiguration.class));
	}

	@Test
	void backsOffInAnApplicationThatIsNotAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebSocketServerAutoConfiguration.class))
			.withUserConfiguration(EchoEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(WebSocketEndpoint.class)
				.doesNotHaveBean(WebSocketEndpointRegistrar.class));
	}

	@Test
	void backsOffInAReactiveWebApplication() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebSocketServerAutoConfiguration.class))
			.withUserConfiguration(EchoEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(WebSocketEndpoint.class)
				.doesNotHaveBean(WebSocketEndpointRegistrar.class));
	}

	@Test
	void backsOffFromARegistrarOfTheApplication() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class, CustomRegistrar.class).run((context) -> {
			assertThat(context).hasSingleBean(WebSocketEndpointRegistrar.class).hasBean("customRegistrar");
			assertThat(context.getBean(WebSocketGracefulShutdownLifecycle.class)).isNotNull();
		});
	}

	@Test
	void joinsTheHandlerRegistryOfAnApplicationThatEnablesWebSocketItself() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class, OwnWebSocketConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DelegatingWebSocketConfiguration.class);
				assertThat(urlMap(context.getBean("webSocketHandlerMapping"))).containsOnlyKeys("/echo", "/own");
			});
	}

	@Test
	void coexistsWithStomp() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class, StompConfiguration.class).run((context) -> {
			assertThat(urlMap(context.getBean("webSocketHandlerMapping"))).containsOnlyKeys("/echo");
			assertThat(urlMap(context.getBean("stompWebSocketHandlerMapping"))).containsOnlyKeys("/stomp");
		});
	}

	@Test
	void bindsTheProperties() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("websocket.server.allowed-origins=https://a.example,https://b.example",
					"websocket.server.max-text-message-size=64KB", "websocket.server.max-sockets=100",
					"websocket.server.idle-timeout=5m", "websocket.server.send-buffer.limit=1MB",
					"websocket.server.send-buffer.overflow-policy=reject", "websocket.server.send-time-limit=3s",
					"websocket.server.heartbeat.ping-interval=20s", "websocket.server.heartbeat.pong-timeout=5s",
					"websocket.server.permessage-deflate.enabled=true")
			.run((context) -> {
				WebSocketServerProperties properties = context.getBean(WebSocketServerProperties.class);
				assertThat(properties.getAllowedOrigins()).containsExactly("https://a.example", "https://b.example");
				assertThat(properties.getMaxTextMessageSize()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(properties.getMaxSockets()).isEqualTo(100);
				assertThat(properties.getIdleTimeout()).hasMinutes(5);
				assertThat(properties.getSendBuffer().getLimit()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.getSendBuffer().getOverflowPolicy()).isEqualTo(OverflowPolicy.REJECT);
				assertThat(properties.getHeartbeat().getPingInterval()).hasSeconds(20);
				assertThat(properties.getHeartbeat().getPongTimeout()).hasSeconds(5);
				assertThat(properties.getSendTimeLimit()).hasSeconds(3);
				assertThat(properties.getPermessageDeflate().isEnabled()).isTrue();
			});
	}

	@Test
	void failsToStartWithAnInvalidValue() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("websocket.server.max-sockets=0", "websocket.server.send-time-limit=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("websocket.server")
					.hasMessageContaining("maxSockets")
					.hasMessageContaining("sendTimeLimit");
			});
	}

	private static Map<String, Object> urlMap(Object handlerMapping) {
		return ((AbstractUrlHandlerMapping) handlerMapping).getHandlerMap();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoEndpoint {

		@Bean
		WebSocketEndpoint echo() {
			return WebSocketEndpoint.path("/echo")
				.onConnection((socket, handshake) -> socket.onmessage((event) -> socket.send((String) event.data())))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomRegistrar {

		@Bean
		WebSocketEndpointRegistrar customRegistrar(WebSocketEndpoint echo) {
			return new WebSocketEndpointRegistrar(List.of(echo));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocket
	static class OwnWebSocketConfiguration {

		@Bean
		WebSocketConfigurer ownConfigurer() {
			return (registry) -> registry.addHandler(mock(WebSocketHandler.class), "/own");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSocketMessageBroker
	static class StompConfiguration implements WebSocketMessageBrokerConfigurer {

		@Override
		public void registerStompEndpoints(StompEndpointRegistry registry) {
			registry.addEndpoint("/stomp");
		}

		@Override
		public void configureMessageBroker(MessageBrokerRegistry registry) {
			registry.enableSimpleBroker("/topic");
		}

	}

}
