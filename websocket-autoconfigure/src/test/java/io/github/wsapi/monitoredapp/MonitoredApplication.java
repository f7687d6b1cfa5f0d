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

package io.github.wsapi.monitoredapp;

import io.github.wsapi.server.WebSocketEndpoint;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/**
 * An application that Actuator monitors: its WebSocket clients come from the test's
 * properties; its endpoints echo text ({@code /echo}), send 16 MiB to every new socket
 * ({@code /flood}) and take one socket at a time ({@code /single}). It lives outside
 * {@code io.github.wsapi.autoconfigure} so that its component scan cannot pick up any
 * auto-configuration.
 *
 * @author wsapi contributors
 */
@SpringBootApplication
public class MonitoredApplication {

	/** Messages that {@code /flood} sends to each new socket. */
	public static final int FLOOD_MESSAGES = 64;

	/** Size of each message that {@code /flood} sends. */
	public static final int FLOOD_MESSAGE_SIZE = 256 * 1024;

	@Bean
	WebSocketEndpoint echo() {
		return WebSocketEndpoint.path("/echo")
			.onConnection((socket, handshake) -> socket.onmessage((event) -> socket.send((String) event.data())))
			.build();
	}

	@Bean
	WebSocketEndpoint flood() {
		return WebSocketEndpoint.path("/flood")
			.sendBufferLimit(DataSize.ofMegabytes(64))
			.onConnection((socket, handshake) -> socket.onopen((event) -> {
				for (int i = 0; i < FLOOD_MESSAGES; i++) {
					socket.send(new byte[FLOOD_MESSAGE_SIZE]);
				}
			}))
			.build();
	}

	@Bean
	WebSocketEndpoint single() {
		return WebSocketEndpoint.path("/single").maxSockets(1).onConnection((socket, handshake) -> {
		}).build();
	}

}
