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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link WebSocket} client beans
 * configured under {@code websocket.client} (the bean {@code webSocket}) and
 * {@code websocket.clients.<name>} (a bean per name).
 * <p>
 * Each client is created without connecting, adjusted by the
 * {@link WebSocketOptionsCustomizer} and {@link WebSocketClientCustomizer} beans, in
 * order, and connected when the application context starts, in phase
 * {@link #CLIENT_LIFECYCLE_PHASE}. On shutdown it sends the messages it has queued, then
 * a Close frame 1001 "Going away", and waits up to its shutdown timeout for the closing
 * handshake.
 * <p>
 * An application's own {@code WebSocket} bean replaces the unnamed client, and one named
 * like a named client replaces that client. An application's {@link WebSocketClient}
 * bean, if unique, carries every client instead of the default
 * {@link io.github.wsapi.client.Rfc6455WebSocketClient}.
 * {@code websocket.client.enabled=false} turns the clients off.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(WebSocketClient.class)
@ConditionalOnBooleanProperty(name = "websocket.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebSocketClientProperties.class)
@Import(NamedWebSocketClientsRegistrar.class)
public final class WebSocketClientAutoConfiguration {

	/**
	 * Lifecycle phase of the clients: between Tomcat's graceful shutdown
	 * ({@code WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE},
	 * {@code DEFAULT_PHASE - 1024}) and the web server itself
	 * ({@code DEFAULT_PHASE - 2048}). Clients so connect after the web server has
	 * started, stay open while in-flight requests finish, which may still use them, and
	 * close before the web server stops, after the server endpoints, which close in a
	 * later phase.
	 */
	public static final int CLIENT_LIFECYCLE_PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	@Bean(WebSocketClientProperties.DEFAULT_CLIENT_BEAN_NAME)
	@Primary
	@ConditionalOnMissingBean(WebSocket.class)
	@ConditionalOnProperty(prefix = "websocket.client", name = "url")
	WebSocketClientFactoryBean webSocket() {
		return new WebSocketClientFactoryBean(WebSocketClientProperties.DEFAULT_CLIENT_BEAN_NAME, false);
	}

}
