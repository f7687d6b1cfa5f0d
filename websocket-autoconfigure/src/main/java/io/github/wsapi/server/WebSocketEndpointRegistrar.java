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


package io.github.wsapi.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.WebSocketOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Registers {@link WebSocketEndpoint}s through Spring WebSocket's
 * {@link WebSocketHandlerRegistry}, so that Spring's origin check applies to them, and
 * holds the defaults for the limits an endpoint does not set itself. Being a
 * {@link WebSocketConfigurer}, it coexists with the application's own configurers and
 * with STOMP endpoints.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class WebSocketEndpointRegistrar implements WebSocketConfigurer {

	private static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

	private final List<WebSocketEndpoint> endpoints;

	private List<String> allowedOrigins = List.of();

	private List<String> allowedOriginPatterns = List.of();

	private int maxTextMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	private int maxBinaryMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

	private int maxSockets = -1;

	private long sendBufferLimit = WebSocketOptions.DEFAULT_MAX_BUFFERED_AMOUNT;

	private OverflowPolicy overflowPolicy = OverflowPolicy.FAIL;

	private Duration sendTimeLimit = Duration.ofSeconds(10);

	private @Nullable Duration idleTimeout;

	private @Nullable Duration pingInterval;

	private Duration pongTimeout = Duration.ofSeconds(10);

	private boolean permessageDeflate;

	private WebSocketEndpointObserver observer = WebSocketEndpointObserver.NONE;

	/**
	 * Create a registrar for the given endpoints.
	 * @param endpoints the endpoints
	 */
	public WebSocketEndpointRegistrar(List<WebSocketEndpoint> endpoints) {
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * Allow handshakes from these origins besides the same origin; {@code *} allows all.
	 * @param allowedOrigins the origins
	 */
	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = List.copyOf(allowedOrigins);
	}

	/**
	 * Allow handshakes from origins matching these patterns besides the same origin.
	 * @param allowedOriginPatterns the patterns
	 */
	public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
		this.allowedOriginPatterns = List.copyOf(allowedOriginPatterns);
	}

	/**
	 * Limit the size of a received text message, counted in UTF-8 bytes.
	 * @param size the limit, 1 MiB by default
	 */
	public void setMaxTextMessageSize(DataSize size) {
		this.maxTextMessageSize = WebSocketEndpoint.toIntBytes(size, "maxTextMessageSize");
	}

	/**
	 * Limit the size of a received binary message.
	 * @param size the limit, 1 MiB by default
	 */
	public void setMaxBinaryMessageSize(DataSize size) {
		this.maxBinaryMessageSize = WebSocketEndpoint.toIntBytes(size, "maxBinaryMessageSize");
	}

	/**
	 * Limit the number of open sockets per endpoint.
	 * @param maxSockets a positive number, or -1 (the default) for no limit
	 */
	public void setMaxSockets(int maxSockets) {
		Assert.isTrue(maxSockets > 0 || maxSockets == -1, "maxSockets must be positive or -1");
		this.maxSockets = maxSockets;
	}

	/**
	 * Limit how many bytes each socket may queue for sending.
	 * @param limit the limit, 16 MiB by default
	 */
	public void setSendBufferLimit(DataSize limit) {
		Assert.isTrue(limit.toBytes() > 0, "sendBufferLimit must be positive");
		this.sendBufferLimit = limit.toBytes();
	}

	/**
	 * Choose what {@code send()} does beyond the send buffer limit.
	 * @param overflowPolicy the policy, {@link OverflowPolicy#FAIL} by default
	 */
	public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
		this.overflowPolicy = overflowPolicy;
	}

	/**
	 * Limit how long writing one message may take.
	 * @param sendTimeLimit a positive duration, 10 seconds by default
	 */
	public void setSendTimeLimit(Duration sendTimeLimit) {
		this.sendTimeLimit = WebSocketEndpoint.positive(sendTimeLimit, "sendTimeLimit");
	}

	/**
	 * Close sockets without traffic for the given time.
	 * @param idleTimeout a positive duration, or {@code null} (the default) for none
	 */
	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		this.idleTimeout = (idleTimeout != null) ? WebSocketEndpoint.positive(idleTimeout, "idleTimeout") : null;
	}

	/**
	 * Send a Ping frame on each open socket at the given interval.
	 * @param pingInterval a positive duration, or {@code null} (the default) for none
	 */
	public void setPingInterval(@Nullable Duration pingInterval) {
		this.pingInterval = (pingInterval != null) ? WebSocketEndpoint.positive(pingInterval, "pingInterval") : null;
	}

	/**
	 * Limit how long to wait for the Pong of a Ping before the connection is dropped.
	 * @param pongTimeout a positive duration, 10 seconds by default
	 */
	public void setPongTimeout(Duration pongTimeout) {
		this.pongTimeout = WebSocketEndpoint.positive(pongTimeout, "pongTimeout");
	}

	/**
	 * Set whether the {@code permessage-deflate} extension is negotiated when a client
	 * offers it. Off by default: it costs memory per socket and has had CVEs.
	 * @param permessageDeflate whether to negotiate permessage-deflate
	 */
	public void setPermessageDeflate(boolean permessageDeflate) {
		this.permessageDeflate = permessageDeflate;
	}

	/**
	 * Tell an observer, such as a metrics binder, about the endpoints' sockets and
	 * refused handshakes.
	 * @param observer the observer
	 */
	public void setObserver(WebSocketEndpointObserver observer) {
		this.observer = observer;
	}

	/**
	 * Return the endpoints this registrar registers.
	 * @return the endpoints
	 */
	public List<WebSocketEndpoint> getEndpoints() {
		return this.endpoints;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		EndpointSettings defaults = new EndpointSettings(this.allowedOrigins, this.allowedOriginPatterns,
				this.maxTextMessageSize, this.maxBinaryMessageSize, this.maxSockets, this.sendBufferLimit,
				this.overflowPolicy, this.sendTimeLimit, this.idleTimeout, this.pingInterval, this.pongTimeout,
				this.permessageDeflate);
		for (WebSocketEndpoint endpoint : this.endpoints) {
			EndpointHandler handler = endpoint.register(defaults, this.observer);
			EndpointSettings settings = handler.settings();
			WebSocketHandlerRegistration registration = registry
				.addHandler(handler, StringUtils.toStringArray(endpoint.paths()))
				.setHandshakeHandler(new EndpointHandshakeHandler(handler))
				.setAllowedOrigins(StringUtils.toStringArray(settings.allowedOrigins()))
				.setAllowedOriginPatterns(StringUtils.toStringArray(settings.allowedOriginPatterns()));
			if (this.observer != WebSocketEndpointObserver.NONE) {
				registration.addInterceptors(new OriginRefusals(handler));
			}
		}
	}

	/**
	 * Reports the handshakes that Spring's origin check refused. That check is the last
	 * interceptor, so this one runs before it, and is told after it with HTTP 403 set.
	 */
	private record OriginRefusals(EndpointHandler handler) implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
			if (response instanceof ServletServerHttpResponse servletResponse
					&& servletResponse.getServletResponse().getStatus() == HttpStatus.FORBIDDEN.value()) {
				this.handler.handshakeRefused(WebSocketEndpointObserver.Refusal.ORIGIN);
			}
		}

	}

}
