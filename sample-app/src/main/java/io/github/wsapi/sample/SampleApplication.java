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

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.wsapi.server.WebSocketEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The sample application: the {@code /echo} and {@code /chat} endpoints of
 * {@link SampleEndpoints}, a page at {@code /} that talks to them with the browser's own
 * WebSocket, the {@link EchoClient} configured in {@code application.yml}, and Actuator.
 *
 * @author wsapi contributors
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	private final Environment environment;

	private final List<WebSocketEndpoint> endpoints;

	SampleApplication(Environment environment, List<WebSocketEndpoint> endpoints) {
		this.environment = environment;
		this.endpoints = endpoints;
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@EventListener(ApplicationReadyEvent.class)
	void logWhereToLook() {
		String port = this.environment.getProperty("local.server.port");
		String actuator = "http://localhost:" + this.environment.getProperty("local.management.port", port)
				+ this.environment.getProperty("management.endpoints.web.base-path", "/actuator") + "/";
		String endpoints = this.endpoints.stream()
			.flatMap((endpoint) -> endpoint.paths().stream())
			.map((path) -> "ws://localhost:" + port + path)
			.collect(Collectors.joining(", "));
		String newLine = System.lineSeparator();
		logger.info("Sample application ready" + newLine + "  page       http://localhost:" + port + "/" + newLine
				+ "  endpoints  " + endpoints + newLine + "  Actuator   "
				+ Stream.of("health", "websockets", "metrics", "prometheus")
					.map((id) -> actuator + id)
					.collect(Collectors.joining(newLine + "             ")));
	}

}
