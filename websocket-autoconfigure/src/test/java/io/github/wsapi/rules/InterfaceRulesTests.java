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

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.Blob;
import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.EventListener;
import io.github.wsapi.EventTarget;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for section 1.1 of the WebSocket rules: the interface surface (R1 to R3), that is
 * the constants, the attributes and their initial values, the methods, and the
 * {@link CloseEvent} and {@link MessageEvent} classes.
 *
 * @author wsapi contributors
 */
class InterfaceRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// answers no handshake, so that a socket stays CONNECTING until close()
	@AutoClose
	static final RawWebSocketServer silent = RawWebSocketServer.start((connection) -> connection.readHandshake());

	@Test
	void readyStateConstantsHaveTheirSpecValues() {
		assertThat(WebSocket.CONNECTING).isZero();
		assertThat(WebSocket.OPEN).isOne();
		assertThat(WebSocket.CLOSING).isEqualTo(2);
		assertThat(WebSocket.CLOSED).isEqualTo(3);
	}

	@Test
	void readyStateConstantsAreUnchangeableClassConstants() throws Exception {
		for (String name : List.of("CONNECTING", "OPEN", "CLOSING", "CLOSED")) {
			Field field = WebSocket.class.getField(name);
			assertThat(field.getType()).as(name).isEqualTo(int.class);
			assertThat(Modifier.isPublic(field.getModifiers())).as("%s is public", name).isTrue();
			assertThat(Modifier.isStatic(field.getModifiers())).as("%s is static", name).isTrue();
			assertThat(Modifier.isFinal(field.getModifiers())).as("%s is final", name).isTrue();
		}
	}

	@Test
	void newSocketHasTheInitialAttributeValues() throws Exception {
		WebSocket socket = new WebSocket(silent.url("/initial"));
		int readyState = socket.readyState();
		Transcript transcript = Transcript.of(socket);
		assertThat(readyState).isEqualTo(WebSocket.CONNECTING);
		assertThat(socket.url()).isEqualTo(silent.url("/initial"));
		assertThat(socket.bufferedAmount()).isZero();
		assertThat(socket.binaryType()).isEqualTo("blob");
		assertThat(socket.protocol()).isEmpty();
		assertThat(socket.extensions()).isEmpty();
		assertThat(socket.onopen()).isNull();
		assertThat(socket.onmessage()).isNull();
		assertThat(socket.onerror()).isNull();
		assertThat(socket.onclose()).isNull();
		socket.close();
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", "close rs=3 code=1006 reason= clean=false");
	}

	@Test
	void attributesHaveTheSpecTypes() throws Exception {
		assertThat(WebSocket.class.getMethod("url").getReturnType()).isEqualTo(String.class);
		assertThat(WebSocket.class.getMethod("readyState").getReturnType()).isEqualTo(int.class);
		assertThat(WebSocket.class.getMethod("bufferedAmount").getReturnType()).isEqualTo(long.class);
		assertThat(WebSocket.class.getMethod("extensions").getReturnType()).isEqualTo(String.class);
		assertThat(WebSocket.class.getMethod("protocol").getReturnType()).isEqualTo(String.class);
		assertThat(WebSocket.class.getMethod("binaryType").getReturnType()).isEqualTo(String.class);
	}

	@Test
	void readOnlyAttributesHaveNoSetter() {
		for (String name : List.of("url", "readyState", "bufferedAmount", "extensions", "protocol")) {
			assertThat(publicMethods()).as("setters of %s", name)
				.noneMatch((method) -> method.getName().equals(name) && method.getParameterCount() > 0);
		}
	}

	@Test
	void binaryTypeIsReadWrite() throws Exception {
		WebSocket socket = new WebSocket(silent.url("/binary-type"));
		Transcript transcript = Transcript.of(socket);
		socket.binaryType("arraybuffer");
		assertThat(socket.binaryType()).isEqualTo("arraybuffer");
		socket.binaryType("blob");
		assertThat(socket.binaryType()).isEqualTo("blob");
		socket.close();
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", "close rs=3 code=1006 reason= clean=false");
	}

	@Test
	void eventHandlerSlotsCanBeSetAndCleared() throws Exception {
		WebSocket socket = new WebSocket(silent.url("/handlers"));
		Transcript transcript = Transcript.of(socket);
		EventListener<Event> onopen = (event) -> {
		};
		EventListener<MessageEvent> onmessage = (event) -> {
		};
		EventListener<Event> onerror = (event) -> {
		};
		EventListener<CloseEvent> onclose = (event) -> {
		};
		socket.onopen(onopen);
		socket.onmessage(onmessage);
		socket.onerror(onerror);
		socket.onclose(onclose);
		assertThat(socket.onopen()).isSameAs(onopen);
		assertThat(socket.onmessage()).isSameAs(onmessage);
		assertThat(socket.onerror()).isSameAs(onerror);
		assertThat(socket.onclose()).isSameAs(onclose);
		socket.onopen(null);
		socket.onmessage(null);
		socket.onerror(null);
		socket.onclose(null);
		assertThat(socket.onopen()).isNull();
		assertThat(socket.onmessage()).isNull();
		assertThat(socket.onerror()).isNull();
		assertThat(socket.onclose()).isNull();
		socket.close();
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", "close rs=3 code=1006 reason= clean=false");
	}

	@Test
	void sendAndCloseReturnNothing() throws Exception {
		List<Method> sendAndClose = publicMethods().stream()
			.filter((method) -> method.getName().equals("send") || method.getName().equals("close"))
			.toList();
		assertThat(sendAndClose).extracting(Method::getName).contains("send", "close");
		assertThat(sendAndClose).allSatisfy((method) -> assertThat(method.getReturnType()).as("%s", method)
			.isEqualTo(void.class));
	}

	@Test
	void sendAndCloseAreUsableAsStatements() throws Exception {
		CompletableFuture<List<Object>> echoes = new CompletableFuture<>();
		List<Object> received = new CopyOnWriteArrayList<>();
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> {
			socket.send("text");
			socket.send(new byte[] { 1, 2 });
			socket.send(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
			socket.send(new Blob(new byte[] { 1, 2, 3, 4 }));
		});
		socket.onmessage((event) -> {
			received.add(event.data());
			if (received.size() == 4) {
				echoes.complete(received);
				socket.close(1000, "done");
			}
		});
		assertThat(echoes.get(10, TimeUnit.SECONDS)).hasSize(4);
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:text",
				"message rs=1 blob:2", "message rs=1 blob:3", "message rs=1 blob:4",
				"close rs=3 code=1000 reason=done clean=true");
	}

	@Test
	void socketIsAnEventTarget() throws Exception {
		assertThat(EventTarget.class).isAssignableFrom(WebSocket.class);
		WebSocket socket = new WebSocket(silent.url("/event-target"));
		Transcript transcript = Transcript.of(socket);
		List<String> calls = new CopyOnWriteArrayList<>();
		EventListener<Event> listener = (event) -> calls.add(event.type());
		socket.addEventListener("custom", listener);
		socket.dispatchEvent(new Event("custom"));
		socket.removeEventListener("custom", listener);
		socket.dispatchEvent(new Event("custom"));
		assertThat(calls).containsExactly("custom");
		socket.close();
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", "close rs=3 code=1006 reason= clean=false");
	}

	@Test
	void hasNoUrlAttributeInUpperCase() {
		assertThat(publicMethods()).extracting(Method::getName).doesNotContain("URL");
		assertThat(Arrays.stream(WebSocket.class.getFields()).map(Field::getName)).doesNotContain("URL");
	}

	@Test
	void closeEventConstructorSetsTheReadOnlyAttributes() {
		CloseEvent event = new CloseEvent("close", true, 4000, "done");
		assertThat(event.type()).isEqualTo("close");
		assertThat(event.wasClean()).isTrue();
		assertThat(event.code()).isEqualTo(4000);
		assertThat(event.reason()).isEqualTo("done");
	}

	@Test
	void closeEventWithTheDictionaryDefaults() {
		CloseEvent event = new CloseEvent("close", false, 0, "");
		assertThat(event.wasClean()).isFalse();
		assertThat(event.code()).isZero();
		assertThat(event.reason()).isEmpty();
	}

	@Test
	void closeEventHasNoInitCloseEventAndNoSetters() {
		assertThat(CloseEvent.class.getMethods()).extracting(Method::getName)
			.doesNotContain("initCloseEvent")
			.doesNotContain("setWasClean", "setCode", "setReason");
		assertThat(CloseEvent.class.getMethods())
			.filteredOn((method) -> List.of("wasClean", "code", "reason").contains(method.getName()))
			.allSatisfy((method) -> assertThat(method.getParameterCount()).isZero());
	}

	@Test
	void messageEventConstructorSetsDataAndOrigin() {
		MessageEvent event = new MessageEvent("message", "hello", "ws://example.com");
		assertThat(event.type()).isEqualTo("message");
		assertThat(event.data()).isEqualTo("hello");
		assertThat(event.origin()).isEqualTo("ws://example.com");
		assertThat(event.lastEventId()).isEmpty();
	}

	@Test
	void receivedMessageEventCarriesDataAndOrigin() throws Exception {
		CompletableFuture<MessageEvent> message = new CompletableFuture<>();
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.onopen((event) -> socket.send("hello"));
		socket.onmessage((event) -> {
			message.complete(event);
			socket.close(1000);
		});
		MessageEvent event = message.get(10, TimeUnit.SECONDS);
		assertThat(event.type()).isEqualTo("message");
		assertThat(event.data()).isEqualTo("hello");
		assertThat(event.origin()).isEqualTo("ws://127.0.0.1:" + server.port());
		assertThat(event.lastEventId()).isEmpty();
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:hello",
				"close rs=3 code=1000 reason= clean=true");
	}

	private static List<Method> publicMethods() {
		return Arrays.stream(WebSocket.class.getMethods())
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.toList();
	}

}
