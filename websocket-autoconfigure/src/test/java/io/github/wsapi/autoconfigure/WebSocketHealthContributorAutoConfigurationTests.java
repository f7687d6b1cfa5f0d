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

import io.github.wsapi.actuate.WebSocketClientTracker;
import io.github.wsapi.actuate.WebSocketHealthIndicator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketHealthContributorAutoConfiguration}.
 *
 * @author wsapi contributors
 */
class WebSocketHealthContributorAutoConfigurationTests {

	private static final String URL = "ws://127.0.0.1:9/feed";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketClientAutoConfiguration.class,
				WebSocketHealthContributorAutoConfiguration.class))
		.withPropertyValues("websocket.client.connect-on-startup=false");

	@Test
	void reportsEveryClient() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.audit.url=" + URL,
					"websocket.clients.audit.connect-on-startup=false", "websocket.health.required-clients=audit")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebSocketHealthIndicator.class).hasBean("websocketHealthIndicator");
				Health health = context.getBean(WebSocketHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails().get("clients")).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsOnlyKeys("audit", "webSocket");
			});
	}

	@Test
	void requiredClientIsDownOnceOutsideTheGracePeriod() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.health.required-clients=webSocket",
					"websocket.health.grace-period=0s")
			.run((context) -> assertThat(context.getBean(WebSocketHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void failsOnARequiredClientThatDoesNotExist() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL, "websocket.health.required-clients=prices")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("websocket.health.required-clients")
				.hasMessageContaining("No WebSocket client is named 'prices'"));
	}

	@Test
	void failsOnANegativeGracePeriod() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL, "websocket.health.grace-period=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("gracePeriod")
				.hasStackTraceContaining("Must not be negative"));
	}

	@Test
	void destroyedClientIsNoLongerReported() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "websocket.clients.audit.url=" + URL,
					"websocket.clients.audit.connect-on-startup=false")
			.run((context) -> {
				((DefaultListableBeanFactory) context.getBeanFactory()).destroySingleton("audit");
				assertThat(context.getBean(WebSocketClientTracker.class).clients()).containsOnlyKeys("webSocket");
			});
	}

	@Test
	void backsOffWithoutClients() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(HealthIndicator.class)
			.doesNotHaveBean(WebSocketClientTracker.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner
			.withPropertyValues("websocket.client.url=" + URL, "management.health.websocket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues("websocket.client.url=" + URL)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebSocketHealthIndicator.class));
	}

	@Test
	void backsOffFromTheApplicationsWebSocketHealthIndicator() {
		this.contextRunner.withPropertyValues("websocket.client.url=" + URL)
			.withBean("websocketHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketHealthIndicator.class)
				.hasBean("websocketHealthIndicator"));
	}

}
