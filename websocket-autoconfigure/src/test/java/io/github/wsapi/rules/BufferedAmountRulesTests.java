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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.github.wsapi.rules.RuleFixtures.waitUntil;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for section 1.6 of the WebSocket rules: {@code bufferedAmount} starts at 0, rises
 * inside {@code send()} by the bytes of the message, falls only between tasks (never while
 * a listener runs, however long it takes), is exactly 0 once the echo of the last message
 * arrives, stays above 0 while a peer does not read, and keeps rising after
 * {@code close()}, never resetting.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class BufferedAmountRulesTests {

	private static final int MEBIBYTE = 1 << 20;

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	@BeforeEach
	void forgetEarlierMessages() {
		server.received().clear();
	}

	@Test
	void bufferedAmountIsInitiallyZero() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		long initial = socket.bufferedAmount();
		Transcript transcript = Transcript.of(socket);
		CompletableFuture<Long> inOpen = new CompletableFuture<>();
		socket.addEventListener("open", (event) -> inOpen.complete(socket.bufferedAmount()));
		assertThat(initial).isZero();
		assertThat(inOpen.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isZero();
		socket.close(1000);
		transcript.awaitClose();
		assertThat(socket.bufferedAmount()).isZero();
	}

	@Test
	void bufferedAmountOfAFailedConnectionIsZero() throws Exception {
		WebSocket socket = new WebSocket("ws://127.0.0.1:" + refusedPort() + "/");
		long initial = socket.bufferedAmount();
		List<Long> seen = new CopyOnWriteArrayList<>();
		socket.addEventListener("error", (event) -> seen.add(socket.bufferedAmount()));
		socket.addEventListener("close", (event) -> seen.add(socket.bufferedAmount()));
		Transcript transcript = Transcript.of(socket);
		assertThat(initial).isZero();
		transcript.awaitClose();
		assertThat(seen).containsExactly(0L, 0L);
	}

	@Test
	void bufferedAmountInsideOneCallbackReads1Then3Then6Then10() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		CompletableFuture<List<Long>> amounts = new CompletableFuture<>();
		socket.addEventListener("open", (event) -> {
			List<Long> values = new ArrayList<>();
			socket.send("x");
			values.add(socket.bufferedAmount());
			socket.send("\u00e5");
			values.add(socket.bufferedAmount());
			socket.send("\u5336");
			values.add(socket.bufferedAmount());
			socket.send("\uD801\uDC7E");
			values.add(socket.bufferedAmount());
			amounts.complete(values);
		});
		assertThat(amounts.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(1L, 3L, 6L, 10L);
		socket.close(1000);
		transcript.awaitClose();
	}

	@Test
	void aListenerThatBlocksAfterSendStillReadsTheSameBufferedAmount() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		CompletableFuture<List<Object>> seen = new CompletableFuture<>();
		socket.addEventListener("open", (event) -> {
			try {
				long start = System.nanoTime();
				socket.send("hello");
				long afterSend = socket.bufferedAmount();
				// like a synchronous XHR: the message is written, and later read by the
				// server, while this listener still runs
				Object atServer = server.received().poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				long remaining = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - start);
				new CountDownLatch(1).await(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
				seen.complete(List.of(afterSend, String.valueOf(atServer), socket.bufferedAmount()));
			}
			catch (Throwable ex) {
				seen.completeExceptionally(ex);
			}
		});
		List<Long> inMessage = new CopyOnWriteArrayList<>();
		socket.addEventListener("message", (event) -> inMessage.add(socket.bufferedAmount()));
		assertThat(seen.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(5L, "hello", 5L);
		waitUntil().until(() -> !inMessage.isEmpty());
		assertThat(inMessage).containsExactly(0L);
		socket.close(1000);
		transcript.awaitClose();
	}

	@Test
	void bufferedAmountIsZeroWhenTheEchoOfTheLastMessageArrives() throws Exception {
		List<Object> messages = List.of("x", "\u00e5", "\u5336", "\uD801\uDC7E", new byte[100_000], "hello world",
				new byte[MEBIBYTE], "\u00a5".repeat(6));
		long[] sizes = { 1, 2, 3, 4, 100_000, 11, MEBIBYTE, 12 };
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("open", (event) -> {
			for (Object message : messages) {
				if (message instanceof String text) {
					socket.send(text);
				}
				else {
					socket.send((byte[]) message);
				}
			}
		});
		List<Long> afterEcho = new CopyOnWriteArrayList<>();
		CountDownLatch allEchoed = new CountDownLatch(messages.size());
		socket.addEventListener(EventType.MESSAGE, (event) -> {
			afterEcho.add(socket.bufferedAmount());
			allEchoed.countDown();
		});
		assertThat(allEchoed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		for (int i = 0; i < sizes.length; i++) {
			long notYetEchoed = 0;
			for (int j = i + 1; j < sizes.length; j++) {
				notYetEchoed += sizes[j];
			}
			assertThat(afterEcho.get(i)).as("bufferedAmount after echo #%d", i + 1).isLessThanOrEqualTo(notYetEchoed);
		}
		assertThat(afterEcho.get(sizes.length - 1)).isZero();
		socket.close(1000);
		transcript.awaitClose();
	}

	@Test
	void bufferedAmountKeepsGrowingAfterCloseAndNeverResets() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		socket.addEventListener("open", (event) -> socket.send("hello"));
		List<Long> inEcho = new CopyOnWriteArrayList<>();
		socket.addEventListener("message", (event) -> {
			inEcho.add(socket.bufferedAmount());
			socket.close();
			socket.send("abc");
			inEcho.add(socket.bufferedAmount());
			socket.send(new byte[4]);
			inEcho.add(socket.bufferedAmount());
		});
		List<Long> inClose = new CopyOnWriteArrayList<>();
		socket.addEventListener("close", (event) -> {
			inClose.add(socket.bufferedAmount());
			socket.send("x");
			inClose.add(socket.bufferedAmount());
		});
		List<String> lines = transcript.awaitClose();
		assertThat(lines).hasSize(3).startsWith("open rs=1", "message rs=1 text:hello");
		assertThat(lines).last().asString().startsWith("close rs=3");
		assertThat(inEcho).containsExactly(0L, 3L, 7L);
		waitUntil().until(() -> inClose.size() == 2);
		assertThat(inClose).containsExactly(7L, 8L);
		socket.send(new byte[MEBIBYTE]);
		assertThat(socket.bufferedAmount()).isEqualTo(8L + MEBIBYTE);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.until(() -> socket.bufferedAmount() == 8L + MEBIBYTE);
		assertThat(server.received()).containsExactly("hello");
	}

	@Test
	void bufferedAmountStaysAboveZeroWhileMessagesQueueForAPeerThatStopsReading() throws Exception {
		int count = 14;
		CountDownLatch startReading = new CountDownLatch(1);
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			startReading.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			for (int i = 0; i < count; i++) {
				connection.readMessage();
			}
			connection.echoUntilClose();
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			waitUntil().until(() -> socket.readyState() == WebSocket.OPEN);
			byte[] mebibyte = new byte[MEBIBYTE];
			for (int i = 0; i < count; i++) {
				socket.send(mebibyte);
			}
			assertThat(socket.bufferedAmount()).isPositive().isLessThanOrEqualTo((long) count * MEBIBYTE);
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> socket.bufferedAmount() > 0);
			startReading.countDown();
			waitUntil().until(() -> socket.bufferedAmount() == 0);
			socket.close(1000);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1",
					"close rs=3 code=1000 reason= clean=true");
		}
	}

}
