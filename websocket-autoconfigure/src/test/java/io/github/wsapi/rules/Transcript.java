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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.Blob;
import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;

import static io.github.wsapi.rules.RuleFixtures.QUIET;
import static io.github.wsapi.rules.RuleFixtures.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records the events of a {@link WebSocket} as lines such as {@code "open rs=1"},
 * {@code "message rs=1 text:hello"}, {@code "error rs=3"},
 * {@code "close rs=3 code=1000 reason=Bye clean=true"}, with the readyState seen at
 * dispatch. Attach it right after construction.
 *
 * @author wsapi contributors
 */
final class Transcript {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** The line of an {@code open} event. */
	static final String OPENED = "open rs=1";

	/** The line of the {@code close} event of a clean close with 1000 and no reason. */
	static final String CLOSED_1000 = "close rs=3 code=1000 reason= clean=true";

	/** The line of the {@code close} event of a failed connection. */
	static final String FAILED_CLOSE = "close rs=3 code=1006 reason= clean=false";

	/** The lines of a failed connection: {@code error}, then {@code close}. */
	static final List<String> FAILED = List.of("error rs=3", FAILED_CLOSE);

	/** The lines of a connection that opened and then closed cleanly with 1000. */
	static final List<String> OPENED_AND_CLOSED = List.of(OPENED, CLOSED_1000);

	private final WebSocket socket;

	private final List<String> lines = new ArrayList<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private Transcript(WebSocket socket) {
		this.socket = socket;
	}

	static Transcript of(WebSocket socket) {
		Transcript transcript = new Transcript(socket);
		socket.addEventListener("open", transcript::record);
		socket.addEventListener("message", transcript::record);
		socket.addEventListener("error", transcript::record);
		socket.addEventListener("close", transcript::record);
		return transcript;
	}

	private void record(Event event) {
		String line = event.type() + " rs=" + this.socket.readyState();
		if (event instanceof MessageEvent message) {
			line += " " + describe(message.data());
		}
		if (event instanceof CloseEvent close) {
			line += " code=" + close.code() + " reason=" + close.reason() + " clean=" + close.wasClean();
		}
		synchronized (this.lines) {
			this.lines.add(line);
		}
		if (event instanceof CloseEvent) {
			this.closed.countDown();
		}
	}

	static String describe(Object data) {
		if (data instanceof String text) {
			return (text.length() <= 64) ? "text:" + text : "text(" + text.length() + " chars)";
		}
		if (data instanceof Blob blob) {
			return "blob:" + blob.size();
		}
		if (data instanceof ByteBuffer buffer) {
			return "arraybuffer:" + buffer.remaining();
		}
		return String.valueOf(data);
	}

	/**
	 * Return the line of a {@code close} event.
	 * @param code the close code
	 * @param reason the close reason
	 * @param clean whether the close was clean
	 * @return the line, as recorded
	 */
	static String closeLine(int code, String reason, boolean clean) {
		return "close rs=3 code=" + code + " reason=" + reason + " clean=" + clean;
	}

	/**
	 * Wait for the close event and return every line.
	 * @return the lines, in dispatch order
	 */
	List<String> awaitClose() throws InterruptedException {
		boolean arrived = this.closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		// the events so far and the state, not just "no close event", when it does not come
		assertThat(arrived).as("close event within %s; events so far: %s, readyState: %s", TIMEOUT, lines(),
				this.socket.readyState())
			.isTrue();
		return lines();
	}

	/**
	 * Wait until the line was recorded.
	 * @param line the line
	 */
	void awaitLine(String line) {
		waitUntil().until(() -> lines().contains(line));
	}

	/**
	 * Assert that no line is added for a while.
	 * @param count the number of lines recorded so far
	 */
	void assertNothingMoreHappens(int count) {
		await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> lines().size() == count);
	}

	List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

}
