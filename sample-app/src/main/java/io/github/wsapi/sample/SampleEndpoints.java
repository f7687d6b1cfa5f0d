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

package io.github.wsapi.sample;

import java.util.concurrent.atomic.AtomicReference;

import io.github.wsapi.Blob;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.server.WebSocketEndpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server side: two {@link WebSocketEndpoint} beans. Each connection they accept is a
 * browser-style {@link WebSocket}, the type the page uses in JavaScript and
 * {@link EchoClient} uses as a client.
 *
 * @author wsapi contributors
 */
@Configuration(proxyBeanMethods = false)
class SampleEndpoints {

	/**
	 * Send every message, text or binary, back to its sender.
	 * @return the {@code /echo} endpoint
	 */
	@Bean
	WebSocketEndpoint echo() {
		return WebSocketEndpoint.path("/echo")
			.onConnection((socket, handshake) -> socket.onmessage((event) -> echo(socket, event)))
			.build();
	}

	private static void echo(WebSocket socket, MessageEvent event) {
		if (event.data() instanceof String text) {
			socket.send(text);
		}
		else {
			socket.send((Blob) event.data());
		}
	}

	/**
	 * Send every message to all open sockets of the endpoint, its sender included.
	 * @return the {@code /chat} endpoint
	 */
	@Bean
	WebSocketEndpoint chat() {
		// the listener broadcasts through the endpoint it belongs to, which exists only once built
		AtomicReference<WebSocketEndpoint> room = new AtomicReference<>();
		WebSocketEndpoint chat = WebSocketEndpoint.path("/chat")
			.onConnection((socket, handshake) -> socket.onmessage((event) -> broadcast(room.get(), event)))
			.build();
		room.set(chat);
		return chat;
	}

	private static void broadcast(WebSocketEndpoint room, MessageEvent event) {
		if (event.data() instanceof String text) {
			room.broadcast(text);
		}
		else {
			room.broadcast((Blob) event.data());
		}
	}

}
