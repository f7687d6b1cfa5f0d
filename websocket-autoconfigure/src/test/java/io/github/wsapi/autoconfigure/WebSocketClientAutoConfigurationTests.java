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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.client.Rfc6455WebSocketClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketClientAutoConfiguration}: which beans it creates from which
 * properties, how each property reaches the client's {@link WebSocketOptions}, and when
 * it backs off. Clients here do not connect; {@link WebSocketClientIntegrationTests}
 * connects them to real servers.
 *
 * @author wsapi contributors
 */
class WebSocketClientAutoConfigurationTests {

	private static final String URL = "ws://127.0.0.1:9/feed";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketClientAutoConfiguration.class))
		.withUserConfiguration(OptionsCaptureConfiguration.class)
		.withPropertyValues("websocket.client.connect-on-startup=false");

	@Test
	void createsNoClientWithoutAUrl() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(WebSocket.class)
			.hasSingleBean(WebSocketClientProperties.class));
	}

	@Test
	void createsTheUnnamedClientFromUrlProtocolsAndBinaryType() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.protocols=prices.v2,prices.v1",
					"websocket.client.binary-type=arraybuffer")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocket.class).hasBean("webSocket");
				WebSocket socket = context.getBean(WebSocket.class);
				assertThat(socket.url()).isEqualTo(URL);
				assertThat(socket.binaryType()).isEqualTo("arraybuffer");
				assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			});
	}

	@Test
	void defaultsMatchTheWebSocketDefaults() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL).run((context) -> {
			WebSocketOptions options = options(context, "webSocket");
			WebSocketOptions defaults = WebSocketOptions.defaults();
			assertThat(options.connectTimeout()).isEqualTo(defaults.connectTimeout());
			assertThat(options.maxMessageSize()).isEqualTo(defaults.maxMessageSize());
			assertThat(options.maxBufferedAmount()).isEqualTo(defaults.maxBufferedAmount());
			assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.FAIL);
			assertThat(options.pingInterval()).isNull();
			assertThat(options.reconnect()).isNull();
			assertThat(options.bufferWhileReconnecting()).isFalse();
			assertThat(options.headers().isEmpty()).isTrue();
			assertThat(options.eventExecutor()).isSameAs(defaults.eventExecutor());
			assertThat(options.transport()).isInstanceOf(Rfc6455WebSocketClient.class);
			WebSocket socket = context.getBean(WebSocket.class);
			assertThat(socket.binaryType()).isEqualTo("blob");
			assertThat(socket.bufferedAmountLowThreshold()).isZero();
		});
	}

	@Test
	void appliesHeadersTimeoutsAndLimits() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL,
				"websocket.client.headers.Authorization=Bearer abc", "websocket.client.headers.X-Client=feed",
				"websocket.client.connect-timeout=5s", "websocket.client.max-message-size=1MB",
				"websocket.client.send-buffer.limit=256KB", "websocket.client.send-buffer.overflow-policy=reject",
				"websocket.client.send-buffer.low-threshold=64KB", "websocket.client.buffer-while-reconnecting=true")
			.run((context) -> {
				WebSocketOptions options = options(context, "webSocket");
				assertThat(options.headers().getFirst("Authorization")).isEqualTo("Bearer abc");
				assertThat(options.headers().getFirst("X-Client")).isEqualTo("feed");
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.maxMessageSize()).isEqualTo(1024 * 1024);
				assertThat(options.maxBufferedAmount()).isEqualTo(256 * 1024);
				assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.REJECT);
				assertThat(options.bufferWhileReconnecting()).isTrue();
				assertThat(context.getBean(WebSocket.class).bufferedAmountLowThreshold()).isEqualTo(64 * 1024);
			});
	}

	@Test
	void appliesHeartbeat() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.heartbeat.ping-interval=20s",
					"websocket.client.heartbeat.pong-timeout=3s")
			.run((context) -> {
				WebSocketOptions options = options(context, "webSocket");
				assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(20));
				assertThat(options.pongTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void appliesReconnectAsAnExponentialBackOff() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.reconnect.enabled=true",
					"websocket.client.reconnect.initial-delay=2s", "websocket.client.reconnect.max-delay=1m",
					"websocket.client.reconnect.multiplier=3", "websocket.client.reconnect.jitter=250ms",
					"websocket.client.reconnect.max-attempts=7", "websocket.client.reconnect.stop-codes=1008,4001")
			.run((context) -> {
				WebSocketOptions options = options(context, "webSocket");
				assertThat(options.reconnect()).isInstanceOfSatisfying(ExponentialBackOff.class, (backOff) -> {
					assertThat(backOff.getInitialInterval()).isEqualTo(2000);
					assertThat(backOff.getMaxInterval()).isEqualTo(60_000);
					assertThat(backOff.getMultiplier()).isEqualTo(3.0);
					assertThat(backOff.getJitter()).isEqualTo(250);
					assertThat(backOff.getMaxAttempts()).isEqualTo(7);
				});
				assertThat(options.reconnectStopCodes()).containsExactlyInAnyOrder(1008, 4001);
			});
	}

	@Test
	void reconnectDefaultsNeverStopTrying() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL, "websocket.client.reconnect.enabled=true")
			.run((context) -> assertThat(options(context, "webSocket").reconnect())
				.isInstanceOfSatisfying(ExponentialBackOff.class, (backOff) -> {
					assertThat(backOff.getInitialInterval()).isEqualTo(1000);
					assertThat(backOff.getMaxInterval()).isEqualTo(30_000);
					assertThat(backOff.getMultiplier()).isEqualTo(1.5);
					assertThat(backOff.getJitter()).isEqualTo(500);
					assertThat(backOff.getMaxAttempts()).isEqualTo(ExponentialBackOff.DEFAULT_MAX_ATTEMPTS);
				}));
	}

	@Test
	void runsListenersOnTheNamedExecutorBean() {
		Executor executor = Runnable::run;
		this.contextRunner.withBean("listenerExecutor", Executor.class, () -> executor)
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.listener-executor=listenerExecutor")
			.run((context) -> assertThat(options(context, "webSocket").eventExecutor()).isSameAs(executor));
	}

	@Test
	void failsWhenTheListenerExecutorBeanIsMissing() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.listener-executor=missingExecutor")
			.run((context) -> {
				InvalidConfigurationPropertyValueException ex = invalidProperty(context.getStartupFailure());
				assertThat(ex.getName()).isEqualTo("websocket.client.listener-executor");
				assertThat(ex.getValue()).isEqualTo("missingExecutor");
			});
	}

	@Test
	void failsWhenTheSslBundleIsMissing() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.ssl.bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationPropertyValueException ex = invalidProperty(context.getStartupFailure());
				assertThat(ex.getName()).isEqualTo("websocket.client.ssl.bundle");
				assertThat(ex.getValue()).isEqualTo("missing");
			});
	}

	@Test
	void usesTheApplicationsWebSocketClientAsTransport() {
		StandardWebSocketClient transport = new StandardWebSocketClient();
		this.contextRunner.withBean(WebSocketClient.class, () -> transport)
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.prices.url=" + URL,
					"websocket.clients.prices.connect-on-startup=false")
			.run((context) -> {
				assertThat(options(context, "webSocket").transport()).isSameAs(transport);
				assertThat(options(context, "prices").transport()).isSameAs(transport);
			});
	}

	@Test
	void refusesAnSslBundleForTheApplicationsWebSocketClient() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withBean(WebSocketClient.class, StandardWebSocketClient::new)
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.ssl.bundle=client")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getName())
				.isEqualTo("websocket.client.ssl.bundle"));
	}

	@Test
	void backsOffFromTheApplicationsWebSocket() {
		this.contextRunner.withUserConfiguration(OwnWebSocketConfiguration.class)
			.withPropertyValues("websocket.client.url=" + URL)
			.run((context) -> assertThat(context).hasSingleBean(WebSocket.class)
				.hasBean("ownWebSocket")
				.doesNotHaveBean("webSocket"));
	}

	@Test
	void isTurnedOffByTheEnabledProperty() {
		this.contextRunner
			.withPropertyValues("websocket.client.enabled=false", "websocket.client.url=" + URL,
					"websocket.clients.prices.url=" + URL, "websocket.clients.prices.connect-on-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocket.class)
				.doesNotHaveBean(WebSocketClientProperties.class));
	}

	@Test
	void backsOffWithoutSpringWebSocket() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebSocketClient.class))
			.withPropertyValues("websocket.client.url=" + URL)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebSocket.class));
	}

	@Test
	void needsNoWebServer() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.web.server", "org.apache.catalina",
					"org.apache.tomcat"))
			.withPropertyValues("websocket.client.url=" + URL)
			.run((context) -> assertThat(context).hasSingleBean(WebSocket.class));
	}

	@Test
	void createsABeanPerNamedClient() {
		this.contextRunner
			.withPropertyValues("websocket.clients.prices.url=" + URL,
					"websocket.clients.prices.connect-on-startup=false", "websocket.clients.prices.protocols=prices.v2",
					"websocket.clients.news.url=ws://127.0.0.1:9/news",
					"websocket.clients.news.connect-on-startup=false", "websocket.clients.news.reconnect.enabled=true")
			.withUserConfiguration(QualifiedInjection.class)
			.run((context) -> {
				assertThat(context).getBeans(WebSocket.class).containsOnlyKeys("prices", "news");
				QualifiedInjection injection = context.getBean(QualifiedInjection.class);
				assertThat(injection.prices.url()).isEqualTo(URL);
				assertThat(injection.news.url()).isEqualTo("ws://127.0.0.1:9/news");
				assertThat(options(context, "news").reconnect()).isNotNull();
				assertThat(options(context, "prices").reconnect()).isNull();
			});
	}

	@Test
	void theUnnamedClientIsPrimary() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.prices.url=ws://127.0.0.1:9/prices",
					"websocket.clients.prices.connect-on-startup=false")
			.run((context) -> {
				assertThat(context).getBeans(WebSocket.class).containsOnlyKeys("webSocket", "prices");
				assertThat(context.getBean(WebSocket.class).url()).isEqualTo(URL);
			});
	}

	@Test
	void theApplicationsWebSocketOfTheSameNameReplacesANamedClient() {
		this.contextRunner.withBean("prices", WebSocket.class, OwnWebSocketConfiguration::deferred)
			.withPropertyValues("websocket.clients.prices.url=" + URL,
					"websocket.clients.prices.connect-on-startup=false", "websocket.clients.news.url=" + URL,
					"websocket.clients.news.connect-on-startup=false")
			.run((context) -> {
				assertThat(context).getBeans(WebSocket.class).containsOnlyKeys("prices", "news");
				assertThat(context.getBean("prices", WebSocket.class).url()).isEqualTo("ws://127.0.0.1:9/own");
				assertThat(context.getBeanProvider(WebSocketClientFactoryBean.class).stream()).hasSize(1);
			});
	}

	@Test
	void failsWhenANamedClientTakesTheNameOfAnotherBean() {
		this.contextRunner.withBean("prices", String.class, () -> "not a socket")
			.withPropertyValues("websocket.clients.prices.url=" + URL,
					"websocket.clients.prices.connect-on-startup=false")
			.run((context) -> assertThat(invalidProperty(context.getStartupFailure()).getName())
				.isEqualTo("websocket.clients.prices"));
	}

	@Test
	void customizersRunInOrderBeforeTheClientConnects() {
		this.contextRunner.withUserConfiguration(OrderedCustomizers.class)
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.prices.url=" + URL,
					"websocket.clients.prices.connect-on-startup=false")
			.run((context) -> assertThat(context.getBean(OrderedCustomizers.class).calls).containsExactly(
					"options first webSocket", "options second webSocket", "socket first webSocket rs=0",
					"socket second webSocket rs=0", "options first prices", "options second prices",
					"socket first prices rs=0", "socket second prices rs=0"));
	}

	@Test
	void clientsStopAfterGracefulShutdownAndBeforeTheWebServer() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL).run((context) -> {
			SmartLifecycle lifecycle = context.getBean("&webSocket", SmartLifecycle.class);
			int gracefulShutdown = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
			// the web server's start/stop lifecycle is one step of 1024 below graceful
			// shutdown
			int webServer = gracefulShutdown - 1024;
			assertThat(lifecycle.getPhase()).isEqualTo(WebSocketClientAutoConfiguration.CLIENT_LIFECYCLE_PHASE)
				.isLessThan(gracefulShutdown)
				.isGreaterThan(webServer);
			assertThat(lifecycle.isAutoStartup()).isTrue();
			assertThat(lifecycle.isPauseable()).isTrue();
			assertThat(lifecycle.isRunning()).isTrue();
		});
	}

	@Test
	void stoppingADeferredClientThatNeverConnectedEndsAtOnce() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL).run((context) -> {
			WebSocket socket = context.getBean(WebSocket.class);
			context.getBean("&webSocket", SmartLifecycle.class).stop();
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
		});
	}

	private static WebSocketOptions options(org.springframework.context.ApplicationContext context, String name) {
		WebSocketOptions options = context.getBean(OptionsCapture.class).options.get(name);
		assertThat(options).as("options of %s", name).isNotNull();
		return options;
	}

	private static InvalidConfigurationPropertyValueException invalidProperty(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof InvalidConfigurationPropertyValueException ex) {
				return ex;
			}
		}
		throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
	}

	static final class OptionsCapture {

		final Map<String, WebSocketOptions> options = new ConcurrentHashMap<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class OptionsCaptureConfiguration {

		@Bean
		OptionsCapture optionsCapture() {
			return new OptionsCapture();
		}

		@Bean
		WebSocketOptionsCustomizer optionsCaptureCustomizer(OptionsCapture capture) {
			return (name, options) -> capture.options.put(name, options.build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebSocketConfiguration {

		@Bean
		WebSocket ownWebSocket() {
			return deferred();
		}

		static WebSocket deferred() {
			return new WebSocket("ws://127.0.0.1:9/own", List.of(),
					WebSocketOptions.builder().connectOnCreate(false).build());
		}

	}

	static class QualifiedInjection {

		final WebSocket prices;

		final WebSocket news;

		QualifiedInjection(@Qualifier("prices") WebSocket prices, @Qualifier("news") WebSocket news) {
			this.prices = prices;
			this.news = news;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizers {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		WebSocketOptionsCustomizer secondOptions() {
			return (name, options) -> this.calls.add("options second " + name);
		}

		@Bean
		@Order(1)
		WebSocketOptionsCustomizer firstOptions() {
			return (name, options) -> this.calls.add("options first " + name);
		}

		@Bean
		@Order(2)
		WebSocketClientCustomizer secondSocket() {
			return (name, socket) -> this.calls.add("socket second " + name + " rs=" + socket.readyState());
		}

		@Bean
		@Order(1)
		WebSocketClientCustomizer firstSocket() {
			return (name, socket) -> this.calls.add("socket first " + name + " rs=" + socket.readyState());
		}

	}

}
