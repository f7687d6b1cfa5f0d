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

import io.github.wsapi.WebSocket;

/**
 * Receives each connection a {@link WebSocketEndpoint} accepts, like the
 * {@code 'connection'} event of a Node.js {@code ws} server.
 * <p>
 * It runs on the container thread that accepted the connection, right after the socket
 * was created. The socket's events start only when it returns, so listeners added here
 * miss nothing, however long it runs. The socket is still
 * {@link WebSocket#CONNECTING CONNECTING}: it turns {@link WebSocket#OPEN OPEN} with its
 * {@code open} event, from which on {@code send()} works. Like in a browser,
 * {@code close()} while CONNECTING fails the connection; to refuse a client politely,
 * close the socket from its {@code open} listener.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectionListener {

	/**
	 * Handle an accepted connection. An exception thrown here is logged and closes this
	 * connection with code 1011; other connections are not affected.
	 * @param socket the browser-style socket of the connection
	 * @param handshake the details of the opening handshake
	 */
	void onConnection(WebSocket socket, HandshakeInfo handshake);

}
