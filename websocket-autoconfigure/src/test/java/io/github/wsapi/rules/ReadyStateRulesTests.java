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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.wsapi.DOMException;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.github.wsapi.rules.RuleFixtures.options;
import static io.github.wsapi.rules.RuleFixtures.waitUntil;
import static io.github.wsapi.rules.Transcript.FAILED_CLOSE;
import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static io.github.wsapi.testserver.RawWebSocketServer.neverAnswer;
import static io.github.wsapi.testserver.RawWebSocketServer.refusedPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for section 1.4 of the WebSocket rules: {@code readyState} is CONNECTING right after
 * construction, becomes OPEN only in the queued open task, becomes CLOSING synchronously
 * inside {@code close()} and through a task when the server starts the closing handshake,
 * and becomes CLOSED in the close task, before {@code error} and {@code close} fire.
 * <p>
 * Some tests run the socket's tasks on a {@link ManualExecutor}, so that the network side
 * of the connection can be driven to a known point while no task has run yet.
 *
 * @author wsapi contributors
 */
@Timeout(60)
class ReadyStateRulesTests {

	@AutoClose
	static final SpringTestServer server = SpringTestServer.start();

	@Test
	void readyStateIsConnectingRightAfterConstruction() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		int state = socket.readyState();
		Transcript transcript = Transcript.of(socket);
		assertThat(state).isEqualTo(WebSocket.CONNECTING);
		transcript.awaitLine("open rs=1");
		socket.close(1000);
		assertThat(transcript.awaitClose()).last().asString().startsWith("close rs=3");
	}

	@Test
	void readyStateIsConnectingRightAfterConstructionEvenIfTheConnectionFails() throws Exception {
		WebSocket socket = new WebSocket("ws://127.0.0.1:" + refusedPort() + "/");
		int state = socket.readyState();
		Transcript transcript = Transcript.of(socket);
		assertThat(state).isEqualTo(WebSocket.CONNECTING);
		assertThat(transcript.awaitClose()).containsExactly("error rs=3", FAILED_CLOSE);
	}

	@Test
	void readyStateIsOpenInsideTheOpenListener() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		List<Integer> seen = new CopyOnWriteArrayList<>();
		socket.onopen((event) -> seen.add(socket.readyState()));
		socket.addEventListener("open", (event) -> seen.add(socket.readyState()));
		Transcript transcript = Transcript.of(socket);
		transcript.awaitLine("open rs=1");
		assertThat(seen).containsExactly(WebSocket.OPEN, WebSocket.OPEN);
		socket.close(1000);
		transcript.awaitClose();
	}

	@Test
	void sendRightAfterConstructionThrowsInvalidStateErrorEvenOnALoopbackHandshake() throws Exception {
		for (int attempt = 1; attempt <= 50; attempt++) {
			WebSocket socket = new WebSocket(server.url("/echo"));
			CompletableFuture<Integer> openState = new CompletableFuture<>();
			CountDownLatch closed = new CountDownLatch(1);
			socket.addEventListener("open", (event) -> openState.complete(socket.readyState()));
			socket.addEventListener("close", (event) -> closed.countDown());
			assertThatExceptionOfType(DOMException.class).as("attempt %d", attempt)
				.isThrownBy(() -> socket.send("too early"))
				.satisfies((ex) -> assertThat(ex.name()).isEqualTo("InvalidStateError"));
			assertThat(socket.readyState()).as("attempt %d", attempt).isEqualTo(WebSocket.CONNECTING);
			assertThat(openState.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("attempt %d", attempt)
				.isEqualTo(WebSocket.OPEN);
			socket.close(1000);
			assertThat(closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("attempt %d", attempt).isTrue();
		}
	}

	@Test
	void readyStateStaysConnectingUntilTheOpenTaskRunsEvenAfterTheHandshakeSucceeded() throws Exception {
		ManualExecutor tasks = new ManualExecutor();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options(tasks));
		Transcript transcript = Transcript.of(socket);
		// the open task is queued: the handshake has succeeded on the network side
		waitUntil().until(tasks::hasTasks);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
		assertThatExceptionOfType(DOMException.class).isThrownBy(() -> socket.send("still connecting"))
			.satisfies((ex) -> assertThat(ex.name()).isEqualTo("InvalidStateError"));
		assertThat(socket.bufferedAmount()).isZero();
		assertThat(transcript.lines()).isEmpty();
		tasks.runUntil(() -> !transcript.lines().isEmpty());
		assertThat(transcript.lines()).containsExactly("open rs=1");
		assertThat(socket.readyState()).isEqualTo(WebSocket.OPEN);
		socket.close(1000);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
		tasks.runUntil(() -> socket.readyState() == WebSocket.CLOSED);
		assertThat(transcript.lines()).containsExactly("open rs=1", "close rs=3 code=1000 reason= clean=true");
	}

	@Test
	void closeWhileConnectingSetsClosingSynchronouslyThenFiresErrorAndCloseWithClosed() throws Exception {
		ManualExecutor tasks = new ManualExecutor();
		try (RawWebSocketServer peer = RawWebSocketServer.start(neverAnswer(TIMEOUT))) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(tasks));
			Transcript transcript = Transcript.of(socket);
			peer.awaitConnection(TIMEOUT);
			assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
			socket.close();
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
			// the failure is queued as a task; until it runs, the state stays CLOSING
			waitUntil().until(tasks::hasTasks);
			assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
			assertThat(transcript.lines()).isEmpty();
			tasks.runUntil(() -> socket.readyState() == WebSocket.CLOSED);
			assertThat(transcript.lines()).containsExactly("error rs=3", FAILED_CLOSE);
		}
	}

	@Test
	void closeWhileConnectingNeverFiresOpenEvenIfTheHandshakeAlreadySucceeded() throws Exception {
		ManualExecutor tasks = new ManualExecutor();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options(tasks));
		Transcript transcript = Transcript.of(socket);
		// the open task is queued, not run: readyState is still CONNECTING
		waitUntil().until(tasks::hasTasks);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CONNECTING);
		socket.close(1000, "never mind");
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
		tasks.runUntil(() -> transcript.lines().stream().anyMatch((line) -> line.startsWith("close")));
		assertThat(transcript.lines()).containsExactly("error rs=3", FAILED_CLOSE);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
	}

	@Test
	void closeWhileOpenSetsClosingSynchronously() throws Exception {
		// no task can run between close() and the next line: only this thread runs them
		ManualExecutor tasks = new ManualExecutor();
		WebSocket socket = new WebSocket(server.url("/echo"), List.of(), options(tasks));
		Transcript transcript = Transcript.of(socket);
		tasks.runUntil(() -> socket.readyState() == WebSocket.OPEN);
		socket.close();
		int afterClose = socket.readyState();
		assertThat(afterClose).isEqualTo(WebSocket.CLOSING);
		// the closing handshake finishes on the network side; CLOSED waits for the close task
		waitUntil().until(tasks::hasTasks);
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSING);
		tasks.runUntil(() -> socket.readyState() == WebSocket.CLOSED);
		assertThat(transcript.lines()).hasSize(2).first().isEqualTo("open rs=1");
		assertThat(transcript.lines()).last().asString().startsWith("close rs=3");
	}

	@Test
	void closeInsideTheOpenListenerSetsClosingSynchronously() throws Exception {
		WebSocket socket = new WebSocket(server.url("/echo"));
		Transcript transcript = Transcript.of(socket);
		List<Integer> states = new CopyOnWriteArrayList<>();
		socket.addEventListener("open", (event) -> {
			socket.send("dropped: the state is CLOSING when the echo is dispatched");
			socket.close(3000, "done");
			states.add(socket.readyState());
		});
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "close rs=3 code=3000 reason=done clean=true");
		assertThat(states).containsExactly(WebSocket.CLOSING);
	}

	@Test
	void serverCloseSetsClosingWhileTheServerHoldsTcpOpenThenClosedWhenItCloses() throws Exception {
		CountDownLatch releaseTcp = new CountDownLatch(1);
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.closeFrame(1000, "Bye"));
			connection.readMessage();
			releaseTcp.await();
			connection.closeTcp();
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			Transcript transcript = Transcript.of(socket);
			waitUntil().until(() -> socket.readyState() == WebSocket.CLOSING);
			assertThat(transcript.lines()).containsExactly("open rs=1");
			releaseTcp.countDown();
			assertThat(transcript.awaitClose()).containsExactly("open rs=1",
					"close rs=3 code=1000 reason=Bye clean=true");
		}
	}

	@Test
	void serverCloseChangesReadyStateOnlyThroughTasks() throws Exception {
		CompletableFuture<RawConnection.Message> clientClose = new CompletableFuture<>();
		CountDownLatch tcpClosed = new CountDownLatch(1);
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.readMessage();
			connection.write(RawConnection.textFrame("Goodbye"), RawConnection.closeFrame(1000, "Bye"));
			clientClose.complete(connection.readMessage());
			connection.closeTcp();
			tcpClosed.countDown();
		});
		ManualExecutor tasks = new ManualExecutor();
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"), List.of(), options(tasks));
			Transcript transcript = Transcript.of(socket);
			tasks.runUntil(() -> socket.readyState() == WebSocket.OPEN);
			socket.send("please close");
			// the client has answered the server's Close and the server dropped TCP ...
			assertThat(clientClose.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).opcode())
				.isEqualTo(RawConnection.CLOSE);
			assertThat(tcpClosed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			waitUntil().until(tasks::hasTasks);
			// ... but no task has run, so the state is still OPEN
			assertThat(socket.readyState()).isEqualTo(WebSocket.OPEN);
			assertThat(transcript.lines()).containsExactly("open rs=1");
			tasks.runUntil(() -> socket.readyState() == WebSocket.CLOSED);
			assertThat(transcript.lines()).containsExactly("open rs=1", "message rs=1 text:Goodbye",
					"close rs=3 code=1000 reason=Bye clean=true");
		}
	}

	@Test
	void serverCloseIsSeenAsClosedInsideTheCloseListener() throws Exception {
		WebSocket socket = new WebSocket(server.url("/goodbye"));
		Transcript transcript = Transcript.of(socket);
		assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:Goodbye",
				"close rs=3 code=1000 reason=Bye clean=true");
		assertThat(socket.readyState()).isEqualTo(WebSocket.CLOSED);
	}

	@Test
	void readyStateIsClosedInsideOnerrorAndOncloseOfAFailedConnection() throws Exception {
		WebSocket socket = new WebSocket("ws://127.0.0.1:" + refusedPort() + "/");
		List<String> seen = new CopyOnWriteArrayList<>();
		CountDownLatch closed = new CountDownLatch(1);
		socket.onerror((event) -> seen.add("error rs=" + socket.readyState()));
		socket.onclose((event) -> {
			seen.add("close rs=" + socket.readyState());
			closed.countDown();
		});
		assertThat(closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		assertThat(seen).containsExactly("error rs=3", "close rs=3");
	}

	@Test
	void readyStateIsClosedInsideOnerrorAndOncloseAfterAProtocolError() throws Exception {
		RawWebSocketServer.Script script = RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(RawConnection.textFrame("test"), RawConnection.frame(3, new byte[0], true));
			connection.awaitClientClosed(TIMEOUT);
		});
		try (RawWebSocketServer peer = RawWebSocketServer.start(script)) {
			WebSocket socket = new WebSocket(peer.url("/"));
			List<String> seen = new CopyOnWriteArrayList<>();
			socket.onerror((event) -> seen.add("onerror rs=" + socket.readyState()));
			socket.onclose((event) -> seen.add("onclose rs=" + socket.readyState()));
			Transcript transcript = Transcript.of(socket);
			assertThat(transcript.awaitClose()).containsExactly("open rs=1", "message rs=1 text:test", "error rs=3",
					FAILED_CLOSE);
			assertThat(seen).containsExactly("onerror rs=3", "onclose rs=3");
		}
	}

	/**
	 * An event executor whose tasks run only when the test says so, on the test thread.
	 */
	static final class ManualExecutor implements Executor {

		private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		boolean hasTasks() {
			return !this.tasks.isEmpty();
		}

		void runAll() {
			for (Runnable task = this.tasks.poll(); task != null; task = this.tasks.poll()) {
				task.run();
			}
		}

		/**
		 * Run the tasks as they come, on the calling thread, until the condition holds.
		 */
		void runUntil(BooleanSupplier condition) {
			waitUntil().pollInSameThread().until(() -> {
				runAll();
				return condition.getAsBoolean();
			});
		}

	}

}
