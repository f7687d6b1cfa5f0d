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

import io.github.wsapi.server.WebSocketEndpoint;
import io.github.wsapi.server.WebSocketEndpointObserver;
import io.github.wsapi.server.WebSocketEndpointRegistrar;
import io.github.wsapi.server.WebSocketGracefulShutdownLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketConfiguration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurationSupport;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for WebSocket server endpoints:
 * registers every {@link WebSocketEndpoint} bean through Spring WebSocket's
 * {@link WebSocketHandlerRegistry} and closes their sockets with code 1001 when the
 * application stops.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ WebSocketHandlerRegistry.class, DelegatingWebSocketConfiguration.class })
@ConditionalOnBooleanProperty(name = "websocket.server.enabled", matchIfMissing = true)
@ConditionalOnBean(WebSocketEndpoint.class)
@EnableConfigurationProperties(WebSocketServerProperties.class)
public final class WebSocketServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketEndpointRegistrar webSocketEndpointRegistrar(WebSocketServerProperties properties,
			ObjectProvider<WebSocketEndpoint> endpoints, ObjectProvider<WebSocketEndpointObserver> observer) {
		WebSocketEndpointRegistrar registrar = new WebSocketEndpointRegistrar(endpoints.orderedStream().toList());
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getAllowedOrigins).to(registrar::setAllowedOrigins);
		map.from(properties::getAllowedOriginPatterns).to(registrar::setAllowedOriginPatterns);
		map.from(properties::getMaxTextMessageSize).to(registrar::setMaxTextMessageSize);
		map.from(properties::getMaxBinaryMessageSize).to(registrar::setMaxBinaryMessageSize);
		map.from(properties::getMaxSockets).to(registrar::setMaxSockets);
		map.from(properties::getIdleTimeout).to(registrar::setIdleTimeout);
		map.from(properties.getSendBuffer()::getLimit).to(registrar::setSendBufferLimit);
		map.from(properties.getSendBuffer()::getOverflowPolicy).to(registrar::setOverflowPolicy);
		map.from(properties.getHeartbeat()::getPingInterval).to(registrar::setPingInterval);
		map.from(properties.getHeartbeat()::getPongTimeout).to(registrar::setPongTimeout);
		map.from(properties::getSendTimeLimit).to(registrar::setSendTimeLimit);
		map.from(properties.getPermessageDeflate()::isEnabled).to(registrar::setPermessageDeflate);
		observer.ifUnique(registrar::setObserver);
		return registrar;
	}

	@Bean
	@ConditionalOnMissingBean
	WebSocketGracefulShutdownLifecycle webSocketGracefulShutdownLifecycle(WebSocketEndpointRegistrar registrar,
			WebSocketServerProperties properties) {
		return new WebSocketGracefulShutdownLifecycle(registrar.getEndpoints(), properties.getShutdownTimeout());
	}

	/**
	 * Turns Spring WebSocket's handler registry on, as {@code @EnableWebSocket} does,
	 * unless the application already did. An application that extends
	 * {@link WebSocketConfigurationSupport} itself, rather than using
	 * {@code @EnableWebSocket}, passes its registry to the
	 * {@link WebSocketEndpointRegistrar} bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebSocketConfigurationSupport.class)
	@Import(DelegatingWebSocketConfiguration.class)
	static class EnableWebSocketConfiguration {

	}

}
