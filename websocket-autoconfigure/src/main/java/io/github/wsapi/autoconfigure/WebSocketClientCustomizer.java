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

/**
 * Callback for a bean that adjusts auto-configured {@link WebSocket} clients before they
 * connect: typically to add listeners, so that none misses the first {@code open}. Every
 * such bean is called for every client, in {@link org.springframework.core.Ordered
 * order}, on the thread that creates the client.
 *
 * <pre class="code">
 * &#64;Bean
 * WebSocketClientCustomizer pricesListener(PriceBook book) {
 *     return (name, socket) -&gt; {
 *         if (name.equals("prices")) {
 *             socket.addEventListener(EventType.MESSAGE, (event) -&gt; book.update(event.data()));
 *         }
 *     };
 * }
 * </pre>
 *
 * @author wsapi contributors
 * @since 0.1.0
 * @see WebSocketOptionsCustomizer
 */
@FunctionalInterface
public interface WebSocketClientCustomizer {

	/**
	 * Adjust a client that has not yet connected.
	 * @param name the client's name, which is its bean name: {@code webSocket} for
	 * {@code websocket.client}, the key for {@code websocket.clients.<key>}
	 * @param socket the client
	 */
	void customize(String name, WebSocket socket);

}
