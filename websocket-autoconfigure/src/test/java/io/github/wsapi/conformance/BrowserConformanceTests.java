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

package io.github.wsapi.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves "the browser's WebSocket API" against a real browser: each {@link Scenarios
 * scenario} is played twice against the same local servers, once in headless Chromium with
 * the browser's own {@code WebSocket}, once with {@link io.github.wsapi.WebSocket}, and the
 * two transcripts must be equal, line for line: events with the readyState at dispatch and
 * their data, codes and reasons, exceptions thrown, attributes read.
 * <p>
 * Where the two must differ, {@link #KNOWN_DIFFERENCES} says why and holds the transcript
 * that Java must give instead.
 *
 * @author wsapi contributors
 */
class BrowserConformanceTests {

	/**
	 * Scenarios whose Java transcript must differ from Chromium's: the reason, and the
	 * transcript that Java gives instead. They are the README's "Differences from the
	 * browser" that a scenario can show.
	 */
	static final Map<String, KnownDifference> KNOWN_DIFFERENCES = knownDifferences();

	private static SpringTestServer server;

	private static Chromium chromium;

	private static String refused;

	@BeforeAll
	static void start() throws IOException {
		server = SpringTestServer.start();
		refused = "127.0.0.1:" + RawWebSocketServer.refusedPort();
		chromium = Chromium.launch();
		String origin = "http://127.0.0.1:" + server.port();
		chromium.navigate(origin + "/");
		assertThat(chromium.evaluate("location.origin")).isEqualTo(origin);
		try (InputStream script = BrowserConformanceTests.class.getResourceAsStream("/conformance/interpreter.js")) {
			chromium.evaluate(new String(script.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		if (server != null) {
			server.close();
		}
	}

	private static Map<String, KnownDifference> knownDifferences() {
		Map<String, KnownDifference> known = new LinkedHashMap<>();
		known.put("url: a space in the host",
				new KnownDifference("Chromium 156 percent-encodes a space in the host; the URL Standard, Firefox and Safari "
						+ "throw SyntaxError, and so does this library", List.of("probe(ws://foo bar.com/, []) -> SyntaxError")));
		known.put("url: a vertical bar in the path",
				new KnownDifference("Chromium 156 percent-encodes '|' in a path; the URL Standard's path percent-encode set "
						+ "does not contain it, so this library keeps it",
						List.of("probe(ws://{spring}/a|b, []) -> ws://{spring}/a|b")));
		known.put("url: relative URLs resolve against the page",
				new KnownDifference("a page resolves relative URLs against its own URL; a JVM has no document, so they "
						+ "throw SyntaxError (rules C1)",
						List.of("probe(test, []) -> SyntaxError", "probe(?, []) -> SyntaxError",
								"probe(null, []) -> SyntaxError", "probe(123, []) -> SyntaxError",
								"probe(/echo, []) -> SyntaxError")));
		known.put("extensions: what the server accepted, set at open",
				new KnownDifference("Chromium offers permessage-deflate, which Tomcat accepts; this library offers no "
						+ "extension (it costs memory per socket and has had CVEs)",
						List.of("new(ws://{spring}/echo, []) -> ok", "extensions=", "open rs=1", "extensions=",
								"close(1000) -> ok", "close rs=3 code=1000 reason= clean=true")));
		for (int code : List.of(0, 999, 1004, 1016, 2999, 5000, 65535)) {
			known.put("close code: the server's Close with " + code,
					new KnownDifference("Chromium 156 reports any close code a server sends; RFC 6455 (section 7.4) and "
							+ "rule H6 fail the connection on a code a server must not send, and so does this library",
							List.of("new(ws://{raw}/, []) -> ok", "open rs=1", "error rs=3",
									"close rs=3 code=1006 reason= clean=false")));
		}
		return known;
	}

	static List<Scenario> scenarios() {
		return Scenarios.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	@Timeout(60)
	void javaGivesTheSameTranscriptAsChromium(Scenario scenario) {
		List<String> browser = play(scenario, BrowserConformanceTests::inChromium);
		List<String> java = play(scenario, JavaInterpreter::run);
		KnownDifference known = KNOWN_DIFFERENCES.get(scenario.name());
		if (known == null) {
			assertThat(lines(java)).as("%s: the Java transcript (actual) against Chromium's (expected)", scenario)
				.isEqualTo(lines(browser));
		}
		else {
			assertThat(lines(java)).as("%s: the Java transcript (actual) against the standard's (expected)", scenario)
				.isEqualTo(lines(known.expected()));
			assertThat(lines(browser))
				.as("%s: Chromium now gives the standard's transcript, drop the known difference", scenario)
				.isNotEqualTo(lines(known.expected()));
		}
	}

	@Test
	void everyKnownDifferenceNamesAScenario() {
		assertThat(Scenarios.all()).extracting(Scenario::name).containsAll(KNOWN_DIFFERENCES.keySet());
	}

	private static List<String> play(Scenario scenario, Function<String, List<String>> interpreter) {
		Map<String, String> authorities = new LinkedHashMap<>();
		authorities.put("{spring}", "127.0.0.1:" + server.port());
		authorities.put("{refused}", refused);
		try (RawWebSocketServer peer = (scenario.peer() != null) ? RawWebSocketServer.start(scenario.peer()) : null) {
			if (peer != null) {
				authorities.put("{raw}", "127.0.0.1:" + peer.port());
			}
			String document = scenario.toJson().replace("{port}", String.valueOf(server.port()));
			for (Map.Entry<String, String> authority : authorities.entrySet()) {
				document = document.replace(authority.getKey(), authority.getValue());
			}
			return interpreter.apply(document).stream().map((line) -> placeholders(line, authorities)).toList();
		}
	}

	// a raw server's port differs between the two runs: show it as its placeholder
	private static String placeholders(String line, Map<String, String> authorities) {
		String result = line;
		for (Map.Entry<String, String> authority : authorities.entrySet()) {
			result = Pattern.compile(Pattern.quote(authority.getValue()) + "(?!\\d)")
				.matcher(result)
				.replaceAll(Matcher.quoteReplacement(authority.getKey()));
		}
		return result;
	}

	private static List<String> inChromium(String document) {
		List<?> transcript = (List<?>) chromium.evaluate("conformance.run(" + document + ")");
		return transcript.stream().map(String.class::cast).toList();
	}

	private static String lines(List<String> transcript) {
		return String.join("\n", transcript);
	}

	/**
	 * Why a scenario's transcripts differ, and what Java gives.
	 * @param reason why Java cannot or should not do what Chromium does
	 * @param expected the Java transcript, as the standard expects it
	 */
	record KnownDifference(String reason, List<String> expected) {

	}

}
