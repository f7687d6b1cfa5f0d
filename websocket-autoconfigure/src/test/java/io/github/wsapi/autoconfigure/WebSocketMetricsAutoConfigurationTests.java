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

import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.metrics.WebSocketClientMetrics;
import io.github.wsapi.metrics.WebSocketServerMetrics;
import io.github.wsapi.server.WebSocketEndpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketMetricsAutoConfiguration}.
 *
 * @author wsapi contributors
 */
class WebSocketMetricsAutoConfigurationTests {

	private static final String URL = "ws://127.0.0.1:9/feed";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				WebSocketClientAutoConfiguration.class, WebSocketMetricsAutoConfiguration.class))
		.withPropertyValues("websocket.client.connect-on-startup=false");

	@Test
	void autoConfiguredClientsGetEveryMeterTaggedWithTheirName() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.audit.url=" + URL,
					"websocket.clients.audit.connect-on-startup=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(clientMeters(registry, "webSocket")).hasSize(22);
				assertThat(clientMeters(registry, "audit")).hasSize(22);
				assertThat(registry.get("websocket.client.messages.sent").tag("client", "audit").meters()).hasSize(2);
			});
	}

	@Test
	void applicationsOwnClientBeanGetsItsGauges() {
		this.contextRunner.withUserConfiguration(OwnClientConfiguration.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(clientMeters(registry, "ownClient")).extracting((meter) -> meter.getId().getName())
				.containsExactlyInAnyOrder("websocket.client.ready.state", "websocket.client.buffered.amount");
		});
	}

	@Test
	void destroyingAClientBeanRemovesItsMeters() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.audit.url=" + URL,
					"websocket.clients.audit.connect-on-startup=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton("audit");
				assertThat(clientMeters(registry, "audit")).isEmpty();
				assertThat(clientMeters(registry, "webSocket")).hasSize(22);
			});
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebSocketClientAutoConfiguration.class,
					WebSocketMetricsAutoConfiguration.class))
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.connect-on-startup=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WebSocket.class)
				.doesNotHaveBean(WebSocketClientMetrics.class));
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebSocketClientAutoConfiguration.class,
					WebSocketMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues("websocket.client.url=" + URL, "websocket.client.connect-on-startup=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WebSocket.class)
				.doesNotHaveBean(WebSocketClientMetrics.class));
	}

	@Test
	void backsOffFromTheApplicationsClientMetrics() {
		this.contextRunner.withBean("myMetrics", WebSocketClientMetrics.class, WebSocketClientMetrics::new)
			.run((context) -> assertThat(context).getBeans(WebSocketClientMetrics.class).containsOnlyKeys("myMetrics"));
	}

	@Test
	void observesTheSocketsOfServerEndpoints() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					WebSocketServerAutoConfiguration.class, WebSocketMetricsAutoConfiguration.class))
			.withBean("echo", WebSocketEndpoint.class, () -> WebSocketEndpoint.path("/echo").onConnection((s, h) -> {
			}).build())
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketServerMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("websocket.server.sessions.active").tag("endpoint", "/echo").gauge().value())
					.isZero();
			});
	}

	@Test
	void noServerMetricsWithoutEndpoints() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WebSocketClientMetrics.class)
			.doesNotHaveBean(WebSocketServerMetrics.class));
	}

	private static List<Meter> clientMeters(MeterRegistry registry, String client) {
		return List.copyOf(Search.in(registry).tag("client", client).meters());
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		@Bean
		WebSocket ownClient() {
			return new WebSocket(URL, List.of(), WebSocketOptions.builder().connectOnCreate(false).build());
		}

	}

}
