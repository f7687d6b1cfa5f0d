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
import io.github.wsapi.server.WebSocketEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code websockets} actuator
 * endpoint, read-only by default.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(WebSocketsEndpoint.class)
@Import(WebSocketClientTrackerConfiguration.class)
public final class WebSocketsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketsEndpoint webSocketsEndpoint(WebSocketClientTracker tracker, ObjectProvider<WebSocketEndpoint> endpoints) {
		return new WebSocketsEndpoint(tracker, endpoints.orderedStream().toList());
	}

}
