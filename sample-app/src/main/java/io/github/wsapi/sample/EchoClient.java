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

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.autoconfigure.WebSocketClientCustomizer;
import io.github.wsapi.autoconfigure.WebSocketClientProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A live client for the logs and the metrics: the {@code webSocket} bean, configured only
 * under {@code websocket.client} in {@code application.yml}, greets the server when it
 * opens, sends the time every {@code sample.client.send-interval}, and logs every event.
 * The listeners are added here, before the bean connects, so that none misses an event.
 *
 * @author wsapi contributors
 */
@Component
class EchoClient implements WebSocketClientCustomizer {

	private static final Log logger = LogFactory.getLog(EchoClient.class);

	// provided lazily: this customizer takes part in creating the bean
	private final ObjectProvider<WebSocket> webSocket;

	EchoClient(ObjectProvider<WebSocket> webSocket) {
		this.webSocket = webSocket;
	}

	@Override
	public void customize(String name, WebSocket socket) {
		if (!name.equals(WebSocketClientProperties.DEFAULT_CLIENT_BEAN_NAME)) {
			return;
		}
		socket.addEventListener(EventType.OPEN, (event) -> {
			logger.info("Client '" + name + "' connected to " + socket.url());
			socket.send("Hello Server!");
		});
		socket.addEventListener(EventType.MESSAGE,
				(event) -> logger.info("Client '" + name + "' received: " + event.data()));
		socket.addEventListener(EventType.ERROR,
				(event) -> logger.warn("Client '" + name + "' failed: " + event.message()));
		socket.addEventListener(EventType.CLOSE, (event) -> logger
			.info("Client '" + name + "' closed with code " + event.code() + " " + event.reason()));
	}

	@Scheduled(fixedRateString = "${sample.client.send-interval:5s}",
			initialDelayString = "${sample.client.send-interval:5s}")
	void sendTime() {
		WebSocket socket = this.webSocket.getIfUnique();
		if (socket != null && socket.readyState() == WebSocket.OPEN) {
			socket.send("The time is " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
		}
	}

}
