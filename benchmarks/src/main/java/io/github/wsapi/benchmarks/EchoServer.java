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

package io.github.wsapi.benchmarks;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The peer of every client: Spring WebSocket on embedded Tomcat, bound to 127.0.0.1 on a
 * random port, echoing each part of a message as it arrives. Echoing parts keeps Tomcat's
 * 8 KiB message buffers from limiting the message size, and means every client receives
 * large messages as a series of fragments, as it would from any Tomcat-based server.
 *
 * @author wsapi contributors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
public class EchoServer implements WebSocketConfigurer {

	/** The path of the echo endpoint. */
	public static final String PATH = "/echo";

	/**
	 * Start the server.
	 * @return the running application context
	 */
	public static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(EchoServer.class)
			.properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
					"spring.main.log-startup-info=false", "logging.level.root=warn")
			.run();
	}

	/**
	 * Return the URL of the echo endpoint of a started server.
	 * @param context the context returned by {@link #start()}
	 * @return a {@code ws://127.0.0.1:port/echo} URL
	 */
	public static String url(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "ws://127.0.0.1:" + port + PATH;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new EchoHandler(), PATH);
	}

	/**
	 * Sends every part back with its own "last" flag, so that the echo of a message is a
	 * message of the same length.
	 */
	static final class EchoHandler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

}
