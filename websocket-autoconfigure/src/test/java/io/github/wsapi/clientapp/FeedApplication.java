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

package io.github.wsapi.clientapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wsapi.EventLog;
import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.autoconfigure.WebSocketClientCustomizer;
import io.github.wsapi.autoconfigure.WebSocketOptionsCustomizer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * An application whose WebSocket clients come from {@code feed.yml} alone: the unnamed
 * client greets an echo endpoint once open, and the named client {@code audit} reads back
 * its handshake headers. It lives outside {@code io.github.wsapi.autoconfigure} so that
 * its component scan cannot pick up any auto-configuration.
 *
 * @author wsapi contributors
 */
@SpringBootApplication
public class FeedApplication {

	@Bean
	Logs logs() {
		return new Logs();
	}

	@Bean
	WebSocketClientCustomizer recordEvents(Logs logs) {
		return (name, socket) -> logs.of(name).attach(socket);
	}

	@Bean
	WebSocketOptionsCustomizer recordHandshakes(Logs logs) {
		return (name, options) -> options.handshakeCustomizer((request) -> logs.of(name)
			.add("handshake attempt=" + request.attempt() + " rs=" + logs.of(name).readyState()));
	}

	/**
	 * The event log of each client, by name.
	 */
	public static final class Logs {

		private final Map<String, EventLog> logs = new ConcurrentHashMap<>();

		public EventLog of(String name) {
			return this.logs.computeIfAbsent(name, (key) -> new EventLog());
		}

	}

	/**
	 * Uses the clients as any application would: injected, by type and by name.
	 */
	@Component
	public static class Greeter {

		final WebSocket feed;

		final WebSocket audit;

		Greeter(WebSocket feed, @Qualifier("audit") WebSocket audit) {
			this.feed = feed;
			this.audit = audit;
			feed.addEventListener(EventType.OPEN, (event) -> {
				feed.send("hello");
				feed.send(new byte[] { 1, 2, 3 });
			});
		}

		public WebSocket feed() {
			return this.feed;
		}

		public WebSocket audit() {
			return this.audit;
		}

	}

}
