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

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Serves an echo endpoint at {@code /echo} and talks to it with the browser-style client.
 *
 * @author wsapi contributors
 */
@SpringBootApplication
@EnableWebSocket
public class SampleApplication {

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	WebSocketConfigurer echoEndpoint() {
		return (registry) -> registry.addHandler(new TextWebSocketHandler() {

			@Override
			protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
				session.sendMessage(message);
			}

		}, "/echo");
	}

	@EventListener
	void greetEcho(WebServerInitializedEvent event) {
		WebSocket socket = new WebSocket("ws://localhost:" + event.getWebServer().getPort() + "/echo");
		socket.addEventListener(EventType.OPEN, (open) -> socket.send("Hello Server!"));
		socket.addEventListener(EventType.MESSAGE, (message) -> {
			logger.info("Message from server: " + message.data());
			socket.close(1000, "Done");
		});
		socket.addEventListener(EventType.CLOSE,
				(close) -> logger.info("Closed with code " + close.code() + " (" + close.reason() + ")"));
	}

}
