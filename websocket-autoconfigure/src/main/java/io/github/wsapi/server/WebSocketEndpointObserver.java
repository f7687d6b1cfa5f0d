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

import io.github.wsapi.WebSocketObserver;

/**
 * Told what happens at {@link WebSocketEndpoint}s, for metrics: supplies the
 * {@link WebSocketObserver} of each socket an endpoint accepts, and hears of the
 * handshakes an endpoint refuses. Set with
 * {@link WebSocketEndpointRegistrar#setObserver(WebSocketEndpointObserver)}. Callbacks
 * run on the container's threads and must be quick.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public interface WebSocketEndpointObserver {

	/** An observer that does nothing. */
	WebSocketEndpointObserver NONE = new WebSocketEndpointObserver() {
	};

	/**
	 * Return the observer of a socket that the endpoint accepted, asked once per socket
	 * as it is created.
	 * @param endpoint the endpoint
	 * @return the socket's observer
	 */
	default WebSocketObserver socketObserver(WebSocketEndpoint endpoint) {
		return WebSocketObserver.NONE;
	}

	/**
	 * The endpoint refused an opening handshake.
	 * @param endpoint the endpoint
	 * @param reason why
	 */
	default void handshakeRefused(WebSocketEndpoint endpoint, Refusal reason) {
	}

	/**
	 * Why an endpoint refused an opening handshake.
	 */
	enum Refusal {

		/**
		 * The request's {@code Origin} is not allowed: HTTP 403.
		 */
		ORIGIN,

		/**
		 * The endpoint is at its socket limit or shutting down: HTTP 503.
		 */
		CAPACITY

	}

}
