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

package io.github.wsapi.plainapp;

import io.github.wsapi.server.WebSocketEndpoint;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application with a WebSocket client and an echo endpoint, on a class path without
 * Micrometer and Actuator.
 *
 * @author wsapi contributors
 */
@SpringBootApplication
public class PlainApplication {

	@Bean
	WebSocketEndpoint echo() {
		return WebSocketEndpoint.path("/echo")
			.onConnection((socket, handshake) -> socket.onmessage((event) -> socket.send((String) event.data())))
			.build();
	}

}
