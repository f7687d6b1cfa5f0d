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
package io.github.wsapi;

import java.net.URI;

import org.springframework.http.HttpHeaders;

/**
 * The opening handshake about to be sent, for a
 * {@link WebSocketOptions.Builder#handshakeCustomizer handshake customizer} to adjust
 * before each connection attempt: to refresh a token in a header or in the query, for
 * example. {@link WebSocket#url()} keeps the URL the socket was created with.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class HandshakeRequest {

	private URI uri;

	private final HttpHeaders headers;

	private final int attempt;

	HandshakeRequest(URI uri, HttpHeaders headers, int attempt) {
		this.uri = uri;
		this.headers = headers;
		this.attempt = attempt;
	}

	/**
	 * Return the URI the handshake goes to (without user-info).
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Send the handshake to another {@code ws:} or {@code wss:} URI.
	 * @param uri the URI
	 */
	public void uri(URI uri) {
		this.uri = uri;
	}

	/**
	 * Return the handshake headers, to be changed in place.
	 * @return the headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return which attempt this is: 0 for the first connection, then 1, 2, ... for the
	 * reconnect attempts since the socket was last open.
	 * @return the attempt number
	 */
	public int attempt() {
		return this.attempt;
	}

}
