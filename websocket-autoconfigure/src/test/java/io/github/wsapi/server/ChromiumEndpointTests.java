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


package io.github.wsapi.server;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.Blob;
import io.github.wsapi.conformance.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketEndpoint} with a real headless Chromium: the browser's own
 * {@code WebSocket} against an endpoint on embedded Tomcat.
 *
 * @author wsapi contributors
 */
@Timeout(90)
class ChromiumEndpointTests {

	private static final BlockingQueue<String> serverSide = new LinkedBlockingQueue<>();

	private static EndpointServer server;

	private static Chromium chromium;

	@BeforeAll
	static void start() {
		server = EndpointServer.start(Endpoints.class);
		chromium = Chromium.launch();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		server.close();
	}

	@Test
	void aPageOfTheSameOriginTalksToTheEndpoint() throws InterruptedException {
		chromium.navigate(server.origin() + "/");
		Object transcript = chromium.evaluate("""
				new Promise((resolve) => {
				  const lines = [];
				  const socket = new WebSocket('%s', ['superchat', 'chat']);
				  socket.binaryType = 'arraybuffer';
				  socket.onopen = () => {
				    lines.push('open ' + socket.protocol + ' [' + socket.extensions + ']');
				    socket.send('héllo');
				    socket.send(new Uint8Array([1, 2, 255]));
				  };
				  socket.onmessage = (event) => {
				    lines.push(typeof event.data === 'string' ? 'text ' + event.data
				        : 'binary ' + Array.from(new Uint8Array(event.data)).join(','));
				    if (lines.length === 3) {
				      socket.close(4000, 'bye');
				    }
				  };
				  socket.onerror = () => lines.push('error');
				  socket.onclose = (event) => {
				    lines.push('close ' + event.code + ' ' + event.reason + ' ' + event.wasClean);
				    resolve(lines);
				  };
				})
				""".formatted(server.url("/echo")));
		assertThat(transcript).isEqualTo(
				List.of("open superchat []", "text héllo", "binary 1,2,255", "close 4000 bye true"));
		assertThat(serverSide.poll(10, TimeUnit.SECONDS))
			.isEqualTo("connection origin=" + server.origin() + " readyState=0");
		assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo("open superchat");
		assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo("close 4000 bye true");
	}

	@Test
	void aPageOfAnotherOriginIsRefused() {
		chromium.navigate("http://localhost:" + server.port() + "/");
		Object transcript = chromium.evaluate("""
				new Promise((resolve) => {
				  const lines = [];
				  const socket = new WebSocket('%s');
				  socket.onopen = () => lines.push('open');
				  socket.onerror = () => lines.push('error');
				  socket.onclose = (event) => {
				    lines.push('close ' + event.code + ' ' + event.wasClean);
				    resolve(lines);
				  };
				})
				""".formatted(server.url("/echo")));
		assertThat(transcript).isEqualTo(List.of("error", "close 1006 false"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		@Bean
		WebSocketEndpoint echo() {
			return WebSocketEndpoint.path("/echo").protocols("chat", "superchat").onConnection((socket, handshake) -> {
				serverSide.add("connection origin=" + handshake.headers().getOrigin() + " readyState="
						+ socket.readyState());
				socket.onopen((event) -> serverSide.add("open " + socket.protocol()));
				socket.onmessage((event) -> {
					if (event.data() instanceof String text) {
						socket.send(text);
					}
					else {
						socket.send((Blob) event.data());
					}
				});
				socket.onclose((event) -> serverSide
					.add("close " + event.code() + " " + event.reason() + " " + event.wasClean()));
			}).build();
		}

	}

}
