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

package io.github.wsapi.rules;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static io.github.wsapi.rules.Transcript.OPENED_AND_CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for section 1.9 of the WebSocket rules: the {@code url}, {@code protocol} and
 * {@code extensions} attributes (A1 to A3), that is what they hold before open, after
 * open and after close.
 *
 * @author wsapi contributors
 */
class AttributeRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// accepts without subprotocol or extension and echoes until Close
	@AutoClose
	static final RawWebSocketServer raw = RawWebSocketServer.start(RawWebSocketServer.echo());

	// A1: url

	@Test
	void urlWithoutPathIsSerializedWithSlash() throws Exception {
		String url = "ws://127.0.0.1:" + raw.port();
		WebSocket socket = new WebSocket(url);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(socket.url()).isEqualTo(url + "/");
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(socket.url()).isEqualTo(url + "/");
	}

	@Test
	void urlIsSerializedAfterTheHttpToWsMapping() throws Exception {
		WebSocket socket = new WebSocket("http://127.0.0.1:" + raw.port() + "/mapped?q");
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.close(1000));
		assertThat(socket.url()).isEqualTo("ws://127.0.0.1:" + raw.port() + "/mapped?q");
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(socket.url()).isEqualTo("ws://127.0.0.1:" + raw.port() + "/mapped?q");
	}

	@Test
	void urlNeverChanges() throws Exception {
		String url = server.url("/echo");
		List<String> seen = new CopyOnWriteArrayList<>();
		CompletableFuture<String> atClose = new CompletableFuture<>();
		WebSocket socket = new WebSocket(url);
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> {
			seen.add(socket.url());
			socket.send("hello");
		});
		socket.onmessage((event) -> {
			seen.add(socket.url());
			socket.close(1000);
			seen.add(socket.url());
		});
		socket.onclose((event) -> atClose.complete(socket.url()));
		seen.add(socket.url());
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:hello",
				"close rs=3 code=1000 reason= clean=true");
		seen.add(atClose.get(10, TimeUnit.SECONDS));
		seen.add(socket.url());
		assertThat(seen).hasSize(6).containsOnly(url);
	}

	@Test
	void urlHasNoSetter() {
		assertThat(WebSocket.class.getMethods())
			.noneMatch((method) -> method.getName().equals("url") && method.getParameterCount() > 0);
	}

	// A2: protocol

	@Test
	void protocolIsEmptyUntilOpenThenTheServersChoiceAndStaysAfterClose() throws Exception {
		CompletableFuture<String> atOpen = new CompletableFuture<>();
		CompletableFuture<String> atClose = new CompletableFuture<>();
		WebSocket socket = new WebSocket(server.url("/echo"), "foobar", "foobar2");
		String initial = socket.protocol();
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> {
			atOpen.complete(socket.protocol());
			socket.close(1000);
		});
		socket.onclose((event) -> atClose.complete(socket.protocol()));
		assertThat(initial).isEmpty();
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(atOpen.get(10, TimeUnit.SECONDS)).isEqualTo("foobar");
		assertThat(atClose.get(10, TimeUnit.SECONDS)).isEqualTo("foobar");
		assertThat(socket.protocol()).isEqualTo("foobar");
	}

	@Test
	void protocolIsEmptyWhileConnectingThenTheOneTheServerSelected() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		CountDownLatch answer = new CountDownLatch(1);
		try (RawWebSocketServer choosy = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			// the peer answers only when the test has looked at the connecting socket
			answer.await(10, TimeUnit.SECONDS);
			connection.acceptHandshake(request, "Sec-WebSocket-Protocol: chat");
			connection.echoUntilClose();
		})) {
			CompletableFuture<String> atOpen = new CompletableFuture<>();
			CompletableFuture<String> atClose = new CompletableFuture<>();
			WebSocket socket = new WebSocket(choosy.url("/"), "echo", "chat");
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> {
				atOpen.complete(socket.protocol());
				socket.close(1000);
			});
			socket.onclose((event) -> atClose.complete(socket.protocol()));
			received.get(10, TimeUnit.SECONDS);
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			assertThat(socket.protocol()).isEmpty();
			answer.countDown();
			assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			assertThat(atOpen.get(10, TimeUnit.SECONDS)).isEqualTo("chat");
			assertThat(atClose.get(10, TimeUnit.SECONDS)).isEqualTo("chat");
			assertThat(socket.protocol()).isEqualTo("chat");
		}
	}

	@Test
	void protocolStaysEmptyWithoutSubprotocols() throws Exception {
		CompletableFuture<String> atOpen = new CompletableFuture<>();
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> {
			atOpen.complete(socket.protocol());
			socket.close(1000);
		});
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(atOpen.get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(socket.protocol()).isEmpty();
	}

	@Test
	void protocolStaysEmptyWhenTheConnectionFails() throws Exception {
		try (RawWebSocketServer failing = RawWebSocketServer.start(RawWebSocketServer
			.respond("HTTP/1.1 404 Not Found\r\nSec-WebSocket-Protocol: echo\r\nContent-Length: 0\r\n\r\n"))) {
			CompletableFuture<String> atClose = new CompletableFuture<>();
			WebSocket socket = new WebSocket(failing.url("/"), "echo");
			Transcript transcript = Transcript.of(socket);
			socket.onclose((event) -> atClose.complete(socket.protocol()));
			assertThat(transcript.awaitClose()).containsExactly("error rs=3",
					"close rs=3 code=1006 reason= clean=false");
			assertThat(atClose.get(10, TimeUnit.SECONDS)).isEmpty();
			assertThat(socket.protocol()).isEmpty();
		}
	}

	// A3: extensions

	@Test
	void extensionsAreEmptyWhileConnectingAndWhenNoneWereOfferedOrAccepted() throws Exception {
		CompletableFuture<HandshakeRequest> received = new CompletableFuture<>();
		CountDownLatch answer = new CountDownLatch(1);
		try (RawWebSocketServer plain = RawWebSocketServer.start((connection) -> {
			HandshakeRequest request = connection.readHandshake();
			received.complete(request);
			// the peer answers only when the test has looked at the connecting socket
			answer.await(10, TimeUnit.SECONDS);
			connection.acceptHandshake(request);
			connection.echoUntilClose();
		})) {
			CompletableFuture<String> atOpen = new CompletableFuture<>();
			CompletableFuture<String> atClose = new CompletableFuture<>();
			WebSocket socket = new WebSocket(plain.url("/extensions"));
			Transcript transcript = Transcript.of(socket);
			socket.onopen((event) -> {
				atOpen.complete(socket.extensions());
				socket.close(1000);
			});
			socket.onclose((event) -> atClose.complete(socket.extensions()));
			HandshakeRequest request = received.get(10, TimeUnit.SECONDS);
			assertThat(request.headers()).doesNotContainKey("Sec-WebSocket-Extensions");
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			assertThat(socket.extensions()).isEmpty();
			answer.countDown();
			assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
			assertThat(atOpen.get(10, TimeUnit.SECONDS)).isEmpty();
			assertThat(atClose.get(10, TimeUnit.SECONDS)).isEmpty();
			assertThat(socket.extensions()).isEmpty();
		}
	}

	@Test
	void extensionsStayEmptyAgainstAServerThatSupportsCompression() throws Exception {
		CompletableFuture<String> atOpen = new CompletableFuture<>();
		WebSocket socket = new WebSocket(server.url("/echo"));
		String initial = socket.extensions();
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> {
			atOpen.complete(socket.extensions());
			socket.close(1000);
		});
		assertThat(initial).isEmpty();
		assertThat(transcript.awaitClose()).isEqualTo(OPENED_AND_CLOSED);
		assertThat(atOpen.get(10, TimeUnit.SECONDS)).isEmpty();
		assertThat(socket.extensions()).isEmpty();
	}

}
