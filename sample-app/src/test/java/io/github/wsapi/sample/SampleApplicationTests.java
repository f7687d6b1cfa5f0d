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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wsapi.WebSocket;
import io.github.wsapi.conformance.Chromium;
import io.github.wsapi.server.WebSocketEndpoint;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample application and its page in headless Chromium: two pages chat, the echo
 * box echoes, and Actuator shows the client and the endpoints at work.
 *
 * @author wsapi contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@AutoConfigureMetrics
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

	private static final Pattern BURST = Pattern
		.compile("→ 16 binary messages of 64 KiB \\(bufferedAmount ([\\d,]+)\\)");

	private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("chat")
	private WebSocketEndpoint chat;

	// A random port, chosen before the application starts: the client bean's URL
	// (ws://localhost:${server.port}/echo) is bound before a web server on port 0 would
	// know its port.
	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		int port = TestSocketUtils.findAvailableTcpPort();
		registry.add("server.port", () -> port);
	}

	@Test
	void pagesChatAndEchoAndActuatorShowsTheSockets(CapturedOutput output) throws Exception {
		try (Chromium alice = Chromium.launch(); Chromium bob = Chromium.launch()) {
			open(alice, "alice");
			open(bob, "bob");
			chat(alice, bob);
			echo(alice);
			await().atMost(TIMEOUT).untilAsserted(this::meters);
			close(bob);
		}
		assertThat(get("/actuator/health")).contains("\"websocket\"");
		assertThat(get("/actuator/websockets")).contains("\"webSocket\"", "/chat", "/echo");
		assertThat(output).contains("http://localhost:" + this.port + "/",
				"Client 'webSocket' received: Hello Server!");
	}

	private void chat(Chromium alice, Chromium bob) {
		// both pages must be in the room before either speaks
		await().atMost(TIMEOUT).until(() -> this.chat.sockets().size() == 2);
		submit(alice, "#chat", "hello from alice");
		submit(bob, "#chat", "hello from bob");
		for (Chromium page : List.of(alice, bob)) {
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(lines(page, "#chat", "in")).contains("← alice: hello from alice",
						"← bob: hello from bob"));
		}
	}

	private void echo(Chromium page) {
		submit(page, "#echo", "ping");
		click(page, "#echo .binary");
		click(page, "#echo .burst");
		List<String> echoes = new ArrayList<>(List.of("← ping", "← binary, 4 bytes: ping"));
		echoes.addAll(Collections.nCopies(16, "← binary, 65,536 bytes"));
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(lines(page, "#echo", "in")).isEqualTo(echoes));
		List<String> sent = lines(page, "#echo", "out");
		assertThat(sent).hasSize(3).first().asString().startsWith("→ ping (bufferedAmount ");
		// bufferedAmount grows inside send() and falls only in a later task
		Matcher burst = BURST.matcher(sent.get(2));
		assertThat(burst.matches()).as(sent.get(2)).isTrue();
		assertThat(Long.parseLong(burst.group(1).replace(",", ""))).isGreaterThanOrEqualTo(16 * 65536);
	}

	private void meters() throws IOException, InterruptedException {
		String scrape = get("/actuator/prometheus");
		Map<String, String> client = Map.of("client", "webSocket");
		assertThat(value(scrape, "websocket_client_ready_state", client)).isEqualTo(WebSocket.OPEN);
		assertThat(value(scrape, "websocket_client_buffered_amount_bytes", client)).isNotNegative();
		assertThat(value(scrape, "websocket_client_messages_sent_total", client)).isPositive();
		assertThat(value(scrape, "websocket_client_messages_received_total", client)).isPositive();
		Map<String, String> chat = Map.of("endpoint", "/chat");
		assertThat(value(scrape, "websocket_server_sessions_active", chat)).isEqualTo(2);
		assertThat(value(scrape, "websocket_server_buffered_amount_bytes", chat)).isNotNegative();
		assertThat(value(scrape, "websocket_server_messages_received_total", chat)).isEqualTo(2);
		assertThat(value(scrape, "websocket_server_messages_sent_total", chat)).isEqualTo(4);
		Map<String, String> echo = Map.of("endpoint", "/echo");
		assertThat(value(scrape, "websocket_server_sessions_active", echo)).isEqualTo(3);
		assertThat(value(scrape, "websocket_server_messages_received_total",
				Map.of("endpoint", "/echo", "type", "binary"))).isEqualTo(17);
	}

	private static void close(Chromium page) {
		click(page, "#echo .toggle");
		await().atMost(TIMEOUT).until(() -> "CLOSED".equals(readyState(page, "#echo")));
		assertThat(lines(page, "#echo", "event")).last().isEqualTo("close: code 1000 Closed from the page");
	}

	private void open(Chromium page, String author) {
		page.navigate("http://localhost:" + this.port + "/");
		page.evaluate("document.querySelector('#chat [name=author]').value = '" + author + "'");
		for (String panel : List.of("#chat", "#echo")) {
			await().atMost(TIMEOUT).until(() -> "OPEN".equals(readyState(page, panel)));
		}
	}

	private static @Nullable Object readyState(Chromium page, String panel) {
		return page.evaluate("document.querySelector('" + panel + " .ready-state').dataset.state");
	}

	private static void submit(Chromium page, String panel, String text) {
		page.evaluate("(() => { const form = document.querySelector('" + panel + " form');"
				+ " form.elements.namedItem('text').value = '" + text + "'; form.requestSubmit(); })()");
	}

	private static void click(Chromium page, String selector) {
		page.evaluate("document.querySelector('" + selector + "').click()");
	}

	@SuppressWarnings("unchecked")
	private static List<String> lines(Chromium page, String panel, String kind) {
		return (List<String>) page.evaluate("Array.from(document.querySelectorAll('" + panel + " .log ." + kind
				+ "'), (item) => item.textContent)");
	}

	private String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	// the sum of the samples of a meter whose labels include the given ones
	private static double value(String scrape, String name, Map<String, String> labels) {
		double sum = 0;
		boolean found = false;
		Matcher sample = SAMPLE.matcher(scrape);
		while (sample.find()) {
			if (sample.group(1).equals(name) && labels(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
				sum += Double.parseDouble(sample.group(3));
				found = true;
			}
		}
		assertThat(found).as("a sample of %s%s", name, labels).isTrue();
		return sum;
	}

	private static Map<String, String> labels(String labels) {
		Map<String, String> map = new HashMap<>();
		Matcher label = LABEL.matcher(labels);
		while (label.find()) {
			map.put(label.group(1), label.group(2));
		}
		return map;
	}

}
