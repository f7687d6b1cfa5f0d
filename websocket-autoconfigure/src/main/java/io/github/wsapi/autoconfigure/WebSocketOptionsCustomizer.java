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

import io.github.wsapi.WebSocketOptions;

/**
 * Callback for a bean that adjusts the {@link WebSocketOptions} of auto-configured
 * clients, after the properties have been applied and before each client is created:
 * typically to set a {@link WebSocketOptions.Builder#handshakeCustomizer handshake
 * customizer} that refreshes a token for every connection attempt. Every such bean is
 * called for every client, in {@link org.springframework.core.Ordered order}. Clients
 * always connect when the application starts, whatever
 * {@link WebSocketOptions.Builder#connectOnCreate(boolean)} says.
 *
 * <pre class="code">
 * &#64;Bean
 * WebSocketOptionsCustomizer freshToken(TokenService tokens) {
 *     return (name, options) -&gt; options
 *         .handshakeCustomizer((request) -&gt; request.headers().setBearerAuth(tokens.current()));
 * }
 * </pre>
 *
 * @author wsapi contributors
 * @since 0.1.0
 * @see WebSocketClientCustomizer
 */
@FunctionalInterface
public interface WebSocketOptionsCustomizer {

	/**
	 * Adjust the options of a client about to be created.
	 * @param name the client's name, which is its bean name
	 * @param options the options, with the client's properties applied
	 */
	void customize(String name, WebSocketOptions.Builder options);

}
