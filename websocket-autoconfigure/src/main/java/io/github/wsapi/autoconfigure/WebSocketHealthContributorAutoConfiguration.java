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

import java.util.Set;

import io.github.wsapi.WebSocket;
import io.github.wsapi.actuate.WebSocketClientTracker;
import io.github.wsapi.actuate.WebSocketHealthIndicator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code websocket} health
 * indicator of the {@link WebSocket} clients, switched by
 * {@code management.health.websocket.enabled} and configured under
 * {@code websocket.health}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = WebSocketClientAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WebSocket.class)
@ConditionalOnEnabledHealthIndicator("websocket")
@EnableConfigurationProperties(WebSocketHealthProperties.class)
@Import(WebSocketClientTrackerConfiguration.class)
public final class WebSocketHealthContributorAutoConfiguration {

	private static final String REQUIRED_CLIENTS = "websocket.health.required-clients";

	@Bean
	@ConditionalOnMissingBean(name = { "websocketHealthIndicator", "websocketHealthContributor" })
	WebSocketHealthIndicator websocketHealthIndicator(WebSocketClientTracker tracker,
			WebSocketHealthProperties properties, ListableBeanFactory beanFactory) {
		Set<String> clients = Set.of(beanFactory.getBeanNamesForType(WebSocket.class, true, false));
		for (String name : properties.getRequiredClients()) {
			if (!clients.contains(name)) {
				throw new InvalidConfigurationPropertyValueException(REQUIRED_CLIENTS, name,
						"No WebSocket client is named '" + name + "'. The clients are " + clients + ".");
			}
		}
		return new WebSocketHealthIndicator(tracker, properties.getRequiredClients(), properties.getGracePeriod());
	}

}
