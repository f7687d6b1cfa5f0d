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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.EventListener;
import io.github.wsapi.EventType;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.github.wsapi.rules.RuleFixtures.waitUntil;
import static io.github.wsapi.rules.Transcript.FAILED_CLOSE;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for section 1.12 of the WebSocket rules: events are tasks of a serial dispatcher.
 * They never run inside the constructor, {@code send()} or {@code close()} (so never on a
 * thread that calls them outside a listener), never concurrently with each other and
 * always in order; a listener added right after construction misses nothing; a blocking
 * listener delays only its own socket; a throwing listener stops nothing; the configured
 * event executor runs them; and {@code dispatchEvent} runs listeners synchronously, as in
 * the DOM.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class TaskModelRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	@Test
	void eventsNeverRunOnTheCallingThreadNorInsideSendOrClose() throws Exception {
		Thread caller = Thread.currentThread();
		List<Thread> threads = new CopyOnWriteArrayList<>();
		List<String> insideACall = new CopyOnWriteArrayList<>();
		AtomicBoolean inCall = new AtomicBoolean();
		WebSocket socket = new WebSocket(server.url("/echo"));
		EventListener<Event> record = (event) -> {
			threads.add(Thread.currentThread());
			if (inCall.get()) {
				insideACall.add(event.type());
			}
		};
		for (String type : List.of("open", "message", "error", "close")) {
			socket.addEventListener(type, record);
		}
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("open", (event) -> {
			inCall.set(true);
			socket.send("one");
			socket.send(new byte[] { 2 });
			inCall.set(false);
		});
		socket.addEventListener("message", (event) -> {
			inCall.set(true);
			socket.close(1000);
			inCall.set(false);
		});
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:one",
				"close rs=3 code=1000 reason= clean=true");
		assertThat(insideACall).isEmpty();
		assertThat(threads).hasSize(3).doesNotContain(caller);
	}

	@Test
	void eventsOfCloseWhileConnectingFireOnlyAfterCloseReturned() throws Exception {
		// one event thread for every socket, like a browser's event loop: the events of a
		// socket closed inside a listener cannot run before that listener returns, unless
		// close() dispatches them itself
		ExecutorService eventLoop = Executors.newSingleThreadExecutor(namedThreads("rules-event-loop-"));
		try {
			WebSocketOptions options = WebSocketOptions.builder().eventExecutor(eventLoop).build();
			List<String> seen = new CopyOnWriteArrayList<>();
			AtomicBoolean returned = new AtomicBoolean();
			CompletableFuture<List<String>> closed = new CompletableFuture<>();
			WebSocket driver = new WebSocket(server.url("/echo"), List.of(), options);
			Transcript driverTranscript = Transcript.of(driver);
			driver.addEventListener("open", (event) -> {
				WebSocket connecting = new WebSocket(server.url("/echo"), List.of(), options);
				EventListener<Event> record = (connectingEvent) -> {
					seen.add(connectingEvent.type() + " returned=" + returned.get() + " rs="
							+ connecting.readyState());
					if (connectingEvent.type().equals("close")) {
						closed.complete(List.copyOf(seen));
					}
				};
				for (String type : List.of("open", "message", "error", "close")) {
					connecting.addEventListener(type, record);
				}
				connecting.close();
				returned.set(true);
			});
			assertThat(closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly("error returned=true rs=3",
					"close returned=true rs=3");
			driver.close(1000);
			driverTranscript.awaitClose();
		}
		finally {
			eventLoop.shutdown();
		}
	}

	@Test
	void eventsOfAFailedConnectionNeverRunOnTheConstructingThread() throws Exception {
		Thread caller = Thread.currentThread();
		List<String> seen = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(4);
		EventListener<Event> record = (event) -> {
			seen.add(event.type() + " caller=" + (Thread.currentThread() == caller));
			done.countDown();
		};
		WebSocket refused = new WebSocket("ws://127.0.0.1:" + refusedPort() + "/");
		refused.addEventListener("error", record);
		refused.addEventListener("close", record);
		WebSocket closedWhileConnecting = new WebSocket(server.url("/echo"));
		closedWhileConnecting.addEventListener("error", record);
		closedWhileConnecting.addEventListener("close", record);
		closedWhileConnecting.close();
		assertThat(done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(seen).containsOnly("error caller=false", "close caller=false");
	}

	@Test
	void aListenerAddedRightAfterConstructionNeverMissesOpen() throws Exception {
		for (int attempt = 1; attempt <= 100; attempt++) {
			WebSocket socket = new WebSocket(server.url("/echo"));
			CountDownLatch opened = new CountDownLatch(1);
			CountDownLatch closed = new CountDownLatch(1);
			if (attempt % 2 == 0) {
				socket.addEventListener("open", (event) -> opened.countDown());
			}
			else {
				socket.onopen((event) -> opened.countDown());
			}
			socket.addEventListener("close", (event) -> closed.countDown());
			assertThat(opened.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("open of attempt %d", attempt)
				.isTrue();
			socket.close(1000);
			assertThat(closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("close of attempt %d", attempt)
				.isTrue();
		}
	}

	@Test
	void aListenerAddedRightAfterConstructionNeverMissesErrorAndCloseOfARefusedConnection() throws Exception {
		String url = "ws://127.0.0.1:" + refusedPort() + "/";
		for (int attempt = 1; attempt <= 100; attempt++) {
			WebSocket socket = new WebSocket(url);
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).as("attempt %d", attempt).containsExactly("error rs=3", FAILED_CLOSE);
		}
	}

	@Test
	void eventsOfOneSocketNeverOverlapAndArriveInOrder() throws Exception {
		int count = 1000;
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			for (int i = 1; i <= count; i++) {
				connection.write(RawConnection.textFrame(Integer.toString(i)));
			}
			connection.echoUntilClose();
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			AtomicInteger running = new AtomicInteger();
			AtomicInteger mostAtOnce = new AtomicInteger();
			List<Object> first = new CopyOnWriteArrayList<>();
			List<Object> second = new CopyOnWriteArrayList<>();
			for (String type : List.of("open", "message", "error", "close")) {
				socket.addEventListener(type, (event) -> overlapCheck(running, mostAtOnce));
			}
			socket.onopen((event) -> overlapCheck(running, mostAtOnce));
			socket.onclose((event) -> overlapCheck(running, mostAtOnce));
			Transcript transcript = Transcript.of(socket);
			socket.addEventListener(EventType.MESSAGE, (event) -> {
				overlapCheck(running, mostAtOnce);
				first.add(event.data());
			});
			socket.onmessage((event) -> {
				overlapCheck(running, mostAtOnce);
				second.add(event.data());
				if (Integer.toString(count).equals(event.data())) {
					socket.close(1000);
				}
			});
			waitUntil().until(() -> second.size() == count);
			List<String> lines = transcript.awaitClose();
			assertThat(lines).first().isEqualTo("open rs=1");
			assertThat(lines).last().isEqualTo("close rs=3 code=1000 reason= clean=true");
			List<String> expected = IntStream.rangeClosed(1, count).mapToObj(Integer::toString).toList();
			assertThat(first).isEqualTo(expected);
			assertThat(second).isEqualTo(expected);
			assertThat(mostAtOnce).hasValue(1);
		}
	}

	@Test
	void aListenerThatBlocksDelaysOnlyItsOwnSocket() throws Exception {
		CountDownLatch blocked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			WebSocket slow = new WebSocket(server.url("/echo"));
			Transcript slowTranscript = Transcript.of(slow);
			List<Object> slowMessages = new CopyOnWriteArrayList<>();
			slow.addEventListener("open", (event) -> {
				slow.send("a1");
				slow.send("a2");
				slow.send("a3");
			});
			slow.addEventListener(EventType.MESSAGE, (event) -> {
				slowMessages.add(event.data());
				if ("a1".equals(event.data())) {
					blocked.countDown();
					awaitQuietly(release);
				}
			});
			assertThat(blocked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

			WebSocket other = new WebSocket(server.url("/echo"));
			Transcript otherTranscript = Transcript.of(other);
			List<Object> otherMessages = new CopyOnWriteArrayList<>();
			other.addEventListener("open", (event) -> {
				other.send("b1");
				other.send("b2");
			});
			other.addEventListener(EventType.MESSAGE, (event) -> otherMessages.add(event.data()));
			waitUntil().until(() -> otherMessages.size() == 2);
			other.close(1000);
			assertThat(otherTranscript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:b1",
					"message rs=1 text:b2", "close rs=3 code=1000 reason= clean=true");
			assertThat(otherMessages).containsExactly("b1", "b2");
			// the blocked socket's later messages wait behind its blocked listener
			assertThat(slowMessages).containsExactly("a1");

			release.countDown();
			waitUntil().until(() -> slowMessages.size() == 3);
			slow.close(1000);
			assertThat(slowTranscript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:a1",
					"message rs=1 text:a2", "message rs=1 text:a3", "close rs=3 code=1000 reason= clean=true");
			assertThat(slowMessages).containsExactly("a1", "a2", "a3");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aThrowingListenerDoesNotStopLaterListenersNorTheConnection() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<String> calls = new CopyOnWriteArrayList<>();
		socket.addEventListener("open", (event) -> {
			calls.add("open 1 throws");
			throw new IllegalStateException("thrown on purpose by a test listener");
		});
		socket.onopen((event) -> calls.add("onopen"));
		socket.addEventListener("open", (event) -> {
			calls.add("open 3 sends");
			socket.send("ping");
			socket.send("pong");
		});
		socket.onmessage((event) -> {
			calls.add("onmessage throws " + event.data());
			throw new IllegalStateException("thrown on purpose by a test handler");
		});
		socket.addEventListener(EventType.MESSAGE, (event) -> {
			calls.add("message " + event.data());
			if ("pong".equals(event.data())) {
				socket.close(1000);
			}
		});
		socket.onclose((event) -> {
			calls.add("onclose throws");
			throw new IllegalStateException("thrown on purpose by a test handler");
		});
		CountDownLatch lastCloseListener = new CountDownLatch(1);
		socket.addEventListener(EventType.CLOSE, (event) -> {
			calls.add("close " + event.code());
			lastCloseListener.countDown();
		});
		assertThat(lastCloseListener.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:ping",
				"message rs=1 text:pong", "close rs=3 code=1000 reason= clean=true");
		assertThat(calls).containsExactly("open 1 throws", "onopen", "open 3 sends", "onmessage throws ping",
				"message ping", "onmessage throws pong", "message pong", "onclose throws", "close 1000");
	}

	@Test
	void theConfiguredEventExecutorRunsTheListeners() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(2, namedThreads("rules-listener-"));
		try {
			WebSocketOptions options = WebSocketOptions.builder().eventExecutor(executor).build();
			List<String> threads = new CopyOnWriteArrayList<>();
			EventListener<Event> record = (event) -> threads
				.add(event.type() + " on " + Thread.currentThread().getName().replaceAll("\\d+$", "N"));

			WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options);
			for (String type : List.of("open", "message", "error", "close")) {
				socket.addEventListener(type, record);
			}
			Transcript transcript = Transcript.of(socket);
			socket.addEventListener("open", (event) -> socket.send("hello"));
			socket.addEventListener("message", (event) -> socket.close(1000));
			transcript.awaitClose();
			assertThat(threads).containsExactly("open on rules-listener-N", "message on rules-listener-N",
					"close on rules-listener-N");

			threads.clear();
			WebSocket refused = new WebSocket("ws://127.0.0.1:" + refusedPort() + "/", List.of(), options);
			for (String type : List.of("open", "message", "error", "close")) {
				refused.addEventListener(type, record);
			}
			Transcript refusedTranscript = Transcript.of(refused);
			refusedTranscript.awaitClose();
			assertThat(threads).containsExactly("error on rules-listener-N", "close on rules-listener-N");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void anEventExecutorThatRejectsTasksDoesNotWedgeTheSocket() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		executor.shutdown();
		WebSocketOptions options = WebSocketOptions.builder().eventExecutor(executor).build();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options);
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("open", (event) -> socket.close(1000));
		assertThat(transcript.awaitClose()).containsExactly("open rs=1",
				"close rs=3 code=1000 reason= clean=true");
	}

	@Test
	void dispatchEventRunsListenersSynchronouslyOnTheCallingThread() throws Exception {
		Thread caller = Thread.currentThread();
		WebSocket socket = new WebSocket(server.url("/echo"));
		CompletableFuture<Void> opened = new CompletableFuture<>();
		socket.addEventListener("open", (event) -> opened.complete(null));
		List<String> calls = new CopyOnWriteArrayList<>();
		socket.addEventListener("custom", (event) -> calls.add("custom caller=" + (Thread.currentThread() == caller)
				+ " target=" + (event.target() == socket) + " currentTarget=" + (event.currentTarget() == socket)));
		socket.addEventListener("other", (event) -> calls.add("other"));
		socket.onmessage((event) -> calls.add("onmessage " + event.data() + " " + event.origin()));
		socket.onclose((event) -> calls.add("onclose " + event.code() + " " + event.reason()));
		CountDownLatch realClose = new CountDownLatch(1);
		socket.addEventListener(EventType.CLOSE, (event) -> {
			if (event.code() == 1000) {
				realClose.countDown();
			}
		});
		opened.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

		Event custom = new Event("custom");
		boolean result = socket.dispatchEvent(custom);
		assertThat(result).isTrue();
		assertThat(calls).containsExactly("custom caller=true target=true currentTarget=true");
		assertThat(custom.target()).isSameAs(socket);
		assertThat(custom.currentTarget()).isNull();

		calls.clear();
		assertThat(socket.dispatchEvent(new MessageEvent("message", "synthetic", "https://example.com"))).isTrue();
		assertThat(calls).containsExactly("onmessage synthetic https://example.com");

		calls.clear();
		assertThat(socket.dispatchEvent(new CloseEvent("close", true, 4000, "synthetic"))).isTrue();
		assertThat(calls).containsExactly("onclose 4000 synthetic");

		// a synthetic event changes nothing about the connection
		calls.clear();
		assertThat(socket.readyState()).isEqualTo(WebSocket.OPEN);
		socket.send("still open");
		waitUntil().until(() -> !calls.isEmpty());
		socket.close(1000);
		assertThat(realClose.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(calls).containsExactly("onmessage still open " + server.url(""),
				"onclose 1000 ");
	}

	private static ThreadFactory namedThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static void overlapCheck(AtomicInteger running, AtomicInteger mostAtOnce) {
		mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
		// widen the window in which an overlapping listener would be seen
		for (int i = 0; i < 100; i++) {
			Thread.onSpinWait();
		}
		running.decrementAndGet();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
