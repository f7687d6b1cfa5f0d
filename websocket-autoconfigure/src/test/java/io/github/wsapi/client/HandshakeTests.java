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

package io.github.wsapi.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the request {@link Handshake} builds.
 *
 * @author wsapi contributors
 */
class HandshakeTests {

	@ParameterizedTest(name = "{0} -> Host: {1}")
	@CsvSource({ "ws://example.com/, example.com", "ws://example.com:80/, example.com",
			"ws://example.com:443/, example.com:443", "wss://example.com:443/, example.com",
			"wss://example.com:80/, example.com:80", "ws://example.com:8080/, example.com:8080",
			"ws://[::1]:8080/, [::1]:8080", "wss://[2001:db8::1]/, [2001:db8::1]" })
	void hostHeaderOmitsTheDefaultPortOfTheScheme(String uri, String host) {
		assertThat(requestLines(uri)).contains("Host: " + host);
	}

	@Test
	void requestTargetIsTheAsciiPathAndQueryWithoutFragment() {
		assertThat(requestLines("ws://example.com/caf\u00e9?q=\u00fc&x=%20#top")[0])
			.isEqualTo("GET /caf%C3%A9?q=%C3%BC&x=%20 HTTP/1.1");
	}

	@Test
	void hostAndPortToConnectToStripIpv6BracketsAndDefaultThePort() {
		assertThat(Handshake.host(URI.create("ws://[::1]:8080/"))).isEqualTo("::1");
		assertThat(Handshake.port(URI.create("ws://example.com/"))).isEqualTo(80);
		assertThat(Handshake.port(URI.create("wss://example.com/"))).isEqualTo(443);
	}

	@Test
	void descriptionForLogsHasNoUserInfoAndNoQuery() {
		assertThat(Handshake.describe(URI.create("wss://user:pw@example.com/chat?token=secret")))
			.isEqualTo("wss://example.com:443/chat");
	}

	@Test
	void headerNameMustBeAToken() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Bad Name", "value");
		assertThatIllegalArgumentException().isThrownBy(() -> new Handshake(URI.create("ws://example.com/"), headers,
				List.of(), new SecureRandom()));
	}

	private static String[] requestLines(String uri) {
		Handshake handshake = new Handshake(URI.create(uri), new HttpHeaders(), List.of(), new SecureRandom());
		return new String(handshake.getRequest(), StandardCharsets.ISO_8859_1).split("\r\n");
	}

}
