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
import io.github.wsapi.actuate.WebSocketsEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketsEndpointAutoConfiguration}.
 *
 * @author wsapi contributors
 */
class WebSocketsEndpointAutoConfigurationTests {

	private static final String URL = "ws://127.0.0.1:9/feed";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebSocketClientAutoConfiguration.class,
				WebSocketHealthContributorAutoConfiguration.class, WebSocketsEndpointAutoConfiguration.class))
		.withPropertyValues("websocket.client.url=" + URL, "websocket.client.connect-on-startup=false");

	@Test
	void createsTheEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets").run((context) -> {
			assertThat(context).hasSingleBean(WebSocketsEndpoint.class);
			assertThat(context.getBean(WebSocketsEndpoint.class).websockets().clients()).containsOnlyKeys("webSocket");
		});
	}

	@Test
	void sharesOneTrackerWithTheHealthIndicator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketClientTracker.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=websockets",
					"management.endpoint.websockets.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void backsOffWithoutSpringBootActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebSocketsEndpoint.class));
	}

}
