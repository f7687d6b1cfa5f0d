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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.Frame;
import org.awaitility.core.ConditionFactory;

import static io.github.wsapi.rules.Transcript.TIMEOUT;
import static org.awaitility.Awaitility.await;

/**
 * What the rules tests share besides the {@link Transcript}: waiting, event executors
 * that hold back the socket's tasks, and the ping that tells a raw peer how far the
 * client has read.
 *
 * @author wsapi contributors
 */
final class RuleFixtures {

	/** How long a test watches for something that must not happen. */
	static final Duration QUIET = Duration.ofMillis(300);

	private RuleFixtures() {
	}

	/**
	 * Return an Awaitility condition that polls often, so that a test goes on as soon as
	 * the condition holds, for up to {@link Transcript#TIMEOUT}.
	 * @return the condition factory
	 */
	static ConditionFactory waitUntil() {
		return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	/**
	 * Return the options of a socket whose events run on the executor.
	 * @param events the event executor
	 * @return the options
	 */
	static WebSocketOptions options(Executor events) {
		return WebSocketOptions.builder().eventExecutor(events).build();
	}

	/**
	 * Return a ping frame for a raw peer to write after its other frames: once
	 * {@link #awaitPong(RawConnection)} returns, the client has read them all.
	 * @return the frame
	 */
	static byte[] ping() {
		return RawConnection.frame(RawConnection.PING, "sync".getBytes(StandardCharsets.UTF_8), true);
	}

	/**
	 * Read frames until the client's pong.
	 * @param connection the raw peer's connection
	 */
	static void awaitPong(RawConnection connection) throws IOException {
		Frame frame = connection.readFrame();
		while (frame.opcode() != RawConnection.PONG) {
			frame = connection.readFrame();
		}
	}

	/**
	 * An event executor that holds every task until {@link #open()}, so that a test can
	 * tell whether an event was fired inside a call (it would run on the caller's thread)
	 * or later, and so that the client receives messages before any of them is
	 * dispatched.
	 */
	static final class GatedExecutor implements Executor, AutoCloseable {

		private final CountDownLatch gate = new CountDownLatch(1);

		private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "gated-websocket-event");
			thread.setDaemon(true);
			return thread;
		});

		@Override
		public void execute(Runnable task) {
			this.threads.execute(() -> {
				try {
					this.gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				task.run();
			});
		}

		void open() {
			this.gate.countDown();
		}

		@Override
		public void close() {
			// Idle threads end by themselves; tasks still to come must not be rejected
			open();
		}

	}

}
