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

import io.github.wsapi.WebSocket;
import io.github.wsapi.metrics.WebSocketClientMetrics;
import io.github.wsapi.metrics.WebSocketServerMetrics;
import io.github.wsapi.server.WebSocketEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Micrometer meters of WebSocket
 * clients and server endpoints, registered through {@link MeterBinder} beans.
 * <p>
 * Every {@link WebSocket} bean gets the {@code websocket.client.*} gauges, tagged with
 * its bean name, and loses its meters when the bean is destroyed. The auto-configured
 * clients also get the counters and the connect timer: their options carry the binder's
 * observer, set by a {@link WebSocketOptionsCustomizer} that runs first, so that an
 * observer the application sets itself takes its place. The endpoints' sockets are
 * observed through their registrar.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class WebSocketMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketClientMetrics webSocketClientMetrics() {
		return new WebSocketClientMetrics();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebSocketOptionsCustomizer webSocketClientMetricsOptionsCustomizer(WebSocketClientMetrics metrics) {
		return (name, options) -> options.observer(metrics.observer(name));
	}

	@Bean
	static WebSocketBeansPostProcessor webSocketClientMetricsPostProcessor(
			ObjectProvider<WebSocketClientMetrics> metrics) {
		return new WebSocketBeansPostProcessor((name, socket) -> metrics.getObject().add(name, socket),
				(name) -> metrics.getObject().remove(name));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(WebSocketEndpoint.class)
	WebSocketServerMetrics webSocketServerMetrics(ObjectProvider<WebSocketEndpoint> endpoints) {
		return new WebSocketServerMetrics(endpoints.orderedStream().toList());
	}

}
