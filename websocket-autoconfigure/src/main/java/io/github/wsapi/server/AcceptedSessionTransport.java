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

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * The transport of a server-side socket: instead of opening a connection, it hands the
 * connection the container already accepted to the socket, once.
 *
 * @author wsapi contributors
 */
final class AcceptedSessionTransport implements WebSocketClient {

	private final EndpointHandler.Connection connection;

	private final AtomicBoolean used = new AtomicBoolean();

	AcceptedSessionTransport(EndpointHandler.Connection connection) {
		this.connection = connection;
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler webSocketHandler, String uriTemplate,
			@Nullable Object... uriVariables) {
		return execute(webSocketHandler, null, URI.create(uriTemplate));
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler webSocketHandler,
			@Nullable WebSocketHttpHeaders headers, URI uri) {
		if (!this.used.compareAndSet(false, true)) {
			return CompletableFuture
				.failedFuture(new IllegalStateException("A socket accepted by a server cannot connect again"));
		}
		return CompletableFuture.completedFuture(this.connection.attach(webSocketHandler));
	}

}
