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

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.ErrorEvent;
import io.github.wsapi.Event;
import io.github.wsapi.EventListener;
import io.github.wsapi.EventTarget;
import io.github.wsapi.EventType;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.RawWebSocketServer.Script;
import io.github.wsapi.testserver.SpringTestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.wsapi.rules.Transcript.CLOSED_1000;
import static io.github.wsapi.rules.Transcript.FAILED;
import static io.github.wsapi.rules.Transcript.OPENED;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.testserver.RawWebSocketServer.neverAnswer;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.10 of the WebSocket rules: events. Their types and classes, the
 * socket as target during dispatch, their order (nothing after {@code close}, at most one
 * {@code error}, never fired inside a call), the position of {@code onX} handlers among
 * listeners, and {@code dispatchEvent}.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class EventRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	// E1

	@Test
	void openIsEventMessageIsMessageEventCloseIsCloseEventAndTheSocketIsTargetAndCurrentTarget() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<Seen> seen = recordDispatch(socket);
		socket.onopen((event) -> socket.send("x"));
		socket.onmessage((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:x", CLOSED_1000);
		await().atMost(TIMEOUT).until(() -> seen.size() == 3);
		assertThat(seen).extracting(Seen::type).containsExactly("open", "message", "close");
		assertThat(seen.get(0).event()).isExactlyInstanceOf(Event.class);
		assertThat(seen.get(1).event()).isInstanceOf(MessageEvent.class);
		assertThat(seen.get(2).event()).isInstanceOf(CloseEvent.class);
		assertTargets(socket, seen);
	}

	@Test
	void errorIsAnEventWithTheSocketAsTargetAndCurrentTarget() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer
			.start(RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<Seen> seen = recordDispatch(socket);
			assertThat(transcript.awaitClose()).isEqualTo(FAILED);
			await().atMost(TIMEOUT).until(() -> seen.size() == 2);
			assertThat(seen).extracting(Seen::type).containsExactly("error", "close");
			assertThat(seen.get(0).event()).isInstanceOf(ErrorEvent.class);
			assertThat(seen.get(1).event()).isInstanceOf(CloseEvent.class);
			assertTargets(socket, seen);
		}
	}

	// E2

	@Test
	void successfulConnectionFiresOpenThenMessagesThenOneCloseNeverInsideACall() throws Exception {
		Thread testThread = Thread.currentThread();
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		AtomicBoolean inCall = new AtomicBoolean();
		List<String> violations = new CopyOnWriteArrayList<>();
		for (String type : List.of("open", "message", "error", "close")) {
			socket.addEventListener(type, (event) -> {
				if (inCall.get() || Thread.currentThread() == testThread) {
					violations.add(type);
				}
			});
		}
		socket.onopen((event) -> {
			inCall.set(true);
			socket.send("a");
			socket.send("b");
			inCall.set(false);
		});
		socket.onmessage((event) -> {
			if ("b".equals(event.data())) {
				inCall.set(true);
				socket.close(1000);
				inCall.set(false);
			}
		});
		assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:a", "message rs=1 text:b",
				CLOSED_1000);
		transcript.assertNothingMoreHappens(4);
		assertThat(violations).as("events fired inside new WebSocket(), send() or close()").isEmpty();
	}

	static Stream<Arguments> failingConnections() {
		return Stream.of(Arguments.of("connection refused", null),
				Arguments.of("404 response",
						RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")),
				Arguments.of("not HTTP", closingAfter("FOO BAR BAZ\r\n\r\n")),
				Arguments.of("wrong Sec-WebSocket-Accept",
						RawWebSocketServer.respond("HTTP/1.1 101 Switching Protocols\r\n"
								+ "Upgrade: websocket\r\nConnection: Upgrade\r\n"
								+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")),
				Arguments.of("subprotocol not offered",
						RawWebSocketServer.afterHandshake((connection) -> connection.awaitClientClosed(TIMEOUT),
								"Sec-WebSocket-Protocol: chat")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failingConnections")
	void failedConnectionFiresErrorThenCloseAndNeverOpen(String description, @Nullable Script script)
			throws Exception {
		try (RawWebSocketServer peer = (script != null) ? RawWebSocketServer.start(script) : null) {
			String url = (peer != null) ? peer.url("/") : "ws://127.0.0.1:" + refusedPort() + "/";
			WebSocket socket = new WebSocket(url);
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).isEqualTo(FAILED);
			transcript.assertNothingMoreHappens(2);
		}
	}

	static Stream<Arguments> protocolViolationsAfterMessage() {
		return Stream.of(Arguments.of("reserved opcode 3", RawConnection.frame(3, new byte[0], true)),
				Arguments.of("masked server frame",
						RawConnection.frame(RawConnection.TEXT, "m".getBytes(StandardCharsets.UTF_8), true, 0, true)),
				Arguments.of("invalid UTF-8 in text",
						RawConnection.frame(RawConnection.TEXT, new byte[] { 'a', (byte) 0xC3, 0x28 }, true)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("protocolViolationsAfterMessage")
	void failureAfterOpenFiresErrorOnceThenClose(String description, byte[] badFrame) throws Exception {
		Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.textFrame("test"), badFrame);
			connection.awaitClientClosed(TIMEOUT);
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly(OPENED, "message rs=1 text:test", FAILED.get(0),
					FAILED.get(1));
			transcript.assertNothingMoreHappens(4);
		}
	}

	@Test
	void errorFiresOnceWhenCloseWhileConnectingRacesAFailingHandshake() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer
			.start(closingAfter("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			socket.close();
			assertThat(transcript.awaitClose()).isEqualTo(FAILED);
			transcript.assertNothingMoreHappens(2);
		}
	}

	@Test
	void sendAndCloseInsideOncloseFireNothingAndDoNotThrow() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<Object> inOnclose = new CopyOnWriteArrayList<>();
		socket.onclose((event) -> {
			try {
				socket.send("after close");
				socket.send(new byte[] { 1, 2 });
				socket.close();
				socket.close(3000, "again");
				inOnclose.add(socket.readyState());
			}
			catch (RuntimeException ex) {
				inOnclose.add(ex);
			}
		});
		socket.onopen((event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).containsExactly(OPENED, CLOSED_1000);
		await().atMost(TIMEOUT).until(() -> !inOnclose.isEmpty());
		assertThat(inOnclose).containsExactly(WebSocket.CLOSED);
		transcript.assertNothingMoreHappens(2);
	}

	// E4

	@Test
	void eventHandlersAreNullByDefault() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		assertThat(socket.onopen()).isNull();
		assertThat(socket.onmessage()).isNull();
		assertThat(socket.onerror()).isNull();
		assertThat(socket.onclose()).isNull();
		socket.close();
		transcript.awaitClose();
	}

	@Test
	void eventHandlerReturnsWhatWasSetAndNullClearsIt() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		EventListener<Event> open = (event) -> {
		};
		EventListener<MessageEvent> message = (event) -> {
		};
		EventListener<Event> error = (event) -> {
		};
		EventListener<CloseEvent> close = (event) -> {
		};
		socket.onopen(open);
		socket.onmessage(message);
		socket.onerror(error);
		socket.onclose(close);
		assertThat(socket.onopen()).isSameAs(open);
		assertThat(socket.onmessage()).isSameAs(message);
		assertThat(socket.onerror()).isSameAs(error);
		assertThat(socket.onclose()).isSameAs(close);
		socket.onopen(null);
		socket.onmessage(null);
		socket.onerror(null);
		socket.onclose(null);
		assertThat(socket.onopen()).isNull();
		assertThat(socket.onmessage()).isNull();
		assertThat(socket.onerror()).isNull();
		assertThat(socket.onclose()).isNull();
		socket.close();
		transcript.awaitClose();
	}

	@Test
	void clearedHandlerIsNotCalled() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			socket.onopen((event) -> calls.add("open:cleared"));
			socket.onmessage((event) -> calls.add("message:cleared"));
			socket.onclose((event) -> calls.add("close:cleared"));
			socket.onopen(null);
			socket.onmessage(null);
			socket.onclose(null);
		});
		assertThat(log).isEmpty();
	}

	@Test
	void handlerRunsAtThePositionWhereItWasFirstSet() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			addLogging(socket, calls, "A");
			socket.onopen((event) -> calls.add("open:B"));
			socket.onmessage((event) -> calls.add("message:B"));
			socket.onclose((event) -> calls.add("close:B"));
			addLogging(socket, calls, "C");
		});
		assertThat(log).containsExactly("open:A", "open:B", "open:C", "message:A", "message:B", "message:C",
				"close:A", "close:B", "close:C");
	}

	@Test
	void replacingAHandlerKeepsItsPosition() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			addLogging(socket, calls, "A");
			socket.onopen((event) -> calls.add("open:B1"));
			socket.onmessage((event) -> calls.add("message:B1"));
			socket.onclose((event) -> calls.add("close:B1"));
			addLogging(socket, calls, "C");
			socket.onopen((event) -> calls.add("open:B2"));
			socket.onmessage((event) -> calls.add("message:B2"));
			socket.onclose((event) -> calls.add("close:B2"));
		});
		assertThat(log).containsExactly("open:A", "open:B2", "open:C", "message:A", "message:B2", "message:C",
				"close:A", "close:B2", "close:C");
	}

	@Test
	void settingAHandlerToNullThenAgainMovesItToTheEnd() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			addLogging(socket, calls, "A");
			socket.onopen((event) -> calls.add("open:B"));
			socket.onmessage((event) -> calls.add("message:B"));
			socket.onclose((event) -> calls.add("close:B"));
			addLogging(socket, calls, "C");
			socket.onopen(null);
			socket.onmessage(null);
			socket.onclose(null);
			socket.onopen((event) -> calls.add("open:B"));
			socket.onmessage((event) -> calls.add("message:B"));
			socket.onclose((event) -> calls.add("close:B"));
		});
		assertThat(log).containsExactly("open:A", "open:C", "open:B", "message:A", "message:C", "message:B",
				"close:A", "close:C", "close:B");
	}

	@Test
	void onceListenerRunsOnlyForTheFirstEvent() throws Exception {
		List<String> log = runEchoConnection(2, (socket, calls) -> socket.addEventListener("message",
				(event) -> calls.add("once:" + ((MessageEvent) event).data()), true));
		assertThat(log).containsExactly("once:1");
	}

	@Test
	void addingTheSameListenerTwiceRunsItOnce() throws Exception {
		List<String> log = runEchoConnection(2, (socket, calls) -> {
			EventListener<Event> listener = (event) -> calls.add(event.type());
			socket.addEventListener("message", listener);
			socket.addEventListener("message", listener);
			socket.addEventListener("message", listener, true);
		});
		assertThat(log).containsExactly("message", "message");
	}

	@Test
	void handlerAndListenerWithTheSameFunctionBothRun() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			EventListener<Event> listener = (event) -> calls.add(event.type());
			socket.onopen(listener);
			socket.addEventListener("open", listener);
		});
		assertThat(log).containsExactly("open", "open");
	}

	@Test
	void removedListenerIsNotCalledAndRemovingDoesNotClearTheHandler() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			EventListener<Event> listener = (event) -> calls.add("listener:" + event.type());
			EventListener<Event> handler = (event) -> calls.add("handler:" + event.type());
			socket.addEventListener("open", listener);
			socket.addEventListener("message", listener);
			socket.onopen(handler);
			socket.removeEventListener("open", listener);
			socket.removeEventListener("open", handler);
			socket.removeEventListener("close", listener);
		});
		assertThat(log).containsExactly("handler:open", "listener:message");
	}

	@Test
	void typedListenersReceiveTheirEventClass() throws Exception {
		List<String> log = runEchoConnection((socket, calls) -> {
			socket.addEventListener(EventType.OPEN, (Event event) -> calls.add("open"));
			socket.addEventListener(EventType.MESSAGE, (MessageEvent event) -> calls.add("message:" + event.data()));
			socket.addEventListener(EventType.CLOSE, (CloseEvent event) -> calls.add("close:" + event.code()));
			EventListener<MessageEvent> removed = (event) -> calls.add("removed");
			socket.addEventListener(EventType.MESSAGE, removed);
			socket.removeEventListener(EventType.MESSAGE, removed);
			socket.addEventListener(EventType.MESSAGE, (MessageEvent event) -> calls.add("once"), true);
		});
		assertThat(log).containsExactly("open", "message:1", "once", "close:1000");
	}

	@Test
	void typedErrorListenerReceivesTheErrorEvent() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer
			.start(RawWebSocketServer.respond("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
			socket.addEventListener(EventType.ERROR, errors::add);
			assertThat(transcript.awaitClose()).isEqualTo(FAILED);
			assertThat(errors).singleElement().satisfies((event) -> assertThat(event.type()).isEqualTo("error"));
		}
	}

	// E5

	@Test
	void dispatchEventRunsHandlerAndListenersSynchronouslyInOrder() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Thread caller = Thread.currentThread();
			List<String> log = new CopyOnWriteArrayList<>();
			List<Seen> seen = new CopyOnWriteArrayList<>();
			socket.addEventListener("open", (event) -> log.add("A" + onThread(caller)));
			socket.onopen((event) -> {
				log.add("B" + onThread(caller));
				seen.add(new Seen(event, event.type(), event.target(), event.currentTarget()));
			});
			socket.addEventListener("open", (event) -> log.add("C" + onThread(caller)));
			socket.onmessage((event) -> log.add("message:" + event.data() + onThread(caller)));
			socket.addEventListener("custom", (event) -> log.add("custom" + onThread(caller)));
			assertThat(socket.dispatchEvent(new Event("open"))).isTrue();
			assertThat(log).containsExactly("A on caller", "B on caller", "C on caller");
			assertTargets(socket, seen);
			assertThat(socket.dispatchEvent(new MessageEvent("message", "synthetic", "ws://example.com"))).isTrue();
			assertThat(socket.dispatchEvent(new Event("custom"))).isTrue();
			assertThat(socket.dispatchEvent(new Event("other"))).isTrue();
			assertThat(log).containsExactly("A on caller", "B on caller", "C on caller",
					"message:synthetic on caller", "custom on caller");
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			closeAndAwait(socket);
		}
	}

	@Test
	void listenerRemovedDuringDispatchByAnEarlierListenerIsNotCalled() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			List<String> log = new CopyOnWriteArrayList<>();
			EventListener<Event> c = (event) -> log.add("C");
			socket.addEventListener("custom", (event) -> {
				log.add("A");
				socket.removeEventListener("custom", c);
				socket.onopen(null);
			});
			socket.addEventListener("open", (event) -> {
				log.add("A");
				socket.removeEventListener("open", c);
				socket.onopen(null);
			});
			socket.onopen((event) -> log.add("B"));
			socket.addEventListener("open", c);
			socket.addEventListener("custom", c);
			socket.dispatchEvent(new Event("open"));
			assertThat(log).containsExactly("A");
			socket.dispatchEvent(new Event("custom"));
			assertThat(log).containsExactly("A", "A");
			closeAndAwait(socket);
		}
	}

	@Test
	void listenerAddedDuringDispatchIsNotCalledForThatEvent() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			List<String> log = new CopyOnWriteArrayList<>();
			EventListener<Event> added = (event) -> log.add("added");
			socket.addEventListener("custom", (event) -> {
				log.add("A");
				socket.addEventListener("custom", added);
				socket.onmessage((message) -> log.add("handler"));
			});
			socket.dispatchEvent(new Event("custom"));
			assertThat(log).containsExactly("A");
			socket.dispatchEvent(new Event("custom"));
			assertThat(log).containsExactly("A", "A", "added");
			closeAndAwait(socket);
		}
	}

	@Test
	void listenerThatThrowsDoesNotStopLaterListeners() throws Exception {
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"));
			List<String> log = new CopyOnWriteArrayList<>();
			socket.addEventListener("custom", (event) -> {
				log.add("A");
				throw new IllegalStateException("listener failure, expected by the test");
			});
			socket.addEventListener("custom", (event) -> log.add("B"));
			assertThatNoException().isThrownBy(() -> socket.dispatchEvent(new Event("custom")));
			assertThat(log).containsExactly("A", "B");
			closeAndAwait(socket);
		}
	}

	// Helpers

	/**
	 * Connect to the echo endpoint with listeners registered by {@code registrations} right
	 * after construction, send {@code messages} messages {@code "1"}, {@code "2"}, ... when
	 * open, close with 1000 after the last echo, and return what the listeners logged.
	 */
	private static List<String> runEchoConnection(Registrations registrations) throws Exception {
		return runEchoConnection(1, registrations);
	}

	private static List<String> runEchoConnection(int messages, Registrations registrations) throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<String> calls = new CopyOnWriteArrayList<>();
		socket.addEventListener("open", (event) -> {
			for (int i = 1; i <= messages; i++) {
				socket.send(String.valueOf(i));
			}
		});
		socket.addEventListener("message", (event) -> {
			if (String.valueOf(messages).equals(((MessageEvent) event).data())) {
				socket.close(1000);
			}
		});
		CountDownLatch done = new CountDownLatch(1);
		registrations.register(socket, calls);
		socket.addEventListener("close", (event) -> done.countDown());
		List<String> lines = transcript.awaitClose();
		assertThat(lines).first().isEqualTo(OPENED);
		assertThat(lines).last().isEqualTo(CLOSED_1000);
		assertThat(lines).hasSize(messages + 2);
		assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		return List.copyOf(calls);
	}

	private static void addLogging(WebSocket socket, List<String> calls, String name) {
		for (String type : List.of("open", "message", "close")) {
			socket.addEventListener(type, (event) -> calls.add(type + ":" + name));
		}
	}

	private static List<Seen> recordDispatch(WebSocket socket) {
		List<Seen> seen = new CopyOnWriteArrayList<>();
		for (String type : List.of("open", "message", "error", "close")) {
			socket.addEventListener(type,
					(event) -> seen.add(new Seen(event, event.type(), event.target(), event.currentTarget())));
		}
		return seen;
	}

	private static void assertTargets(WebSocket socket, List<Seen> seen) {
		assertThat(seen).isNotEmpty().allSatisfy((dispatch) -> {
			assertThat(dispatch.target()).as("target during dispatch").isSameAs(socket);
			assertThat(dispatch.currentTarget()).as("currentTarget during dispatch").isSameAs(socket);
		});
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(seen).allSatisfy((dispatch) -> {
			assertThat(dispatch.event().currentTarget()).as("currentTarget after dispatch").isNull();
			assertThat(dispatch.event().target()).as("target after dispatch").isSameAs(socket);
		}));
	}

	private static String onThread(Thread caller) {
		return (Thread.currentThread() == caller) ? " on caller" : " on " + Thread.currentThread().getName();
	}

	private static void closeAndAwait(WebSocket socket) throws InterruptedException {
		CountDownLatch closed = new CountDownLatch(1);
		socket.addEventListener("close", (event) -> closed.countDown());
		socket.close();
		assertThat(closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("close event").isTrue();
	}

	private static Script closingAfter(String rawResponse) {
		return (connection) -> {
			connection.readHandshake();
			connection.writeAscii(rawResponse);
			connection.closeTcp();
		};
	}

	/**
	 * What a listener saw while an event was dispatched.
	 */
	private record Seen(Event event, String type, @Nullable EventTarget target, @Nullable EventTarget currentTarget) {

	}

	@FunctionalInterface
	private interface Registrations {

		void register(WebSocket socket, List<String> calls);

	}

}
