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

package io.github.wsapi;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;

/**
 * Records the events of a {@link WebSocket}, and any other line a test adds, in order,
 * each with the readyState seen at that moment: {@code "open rs=1"},
 * {@code "message rs=1 text:hello"}, {@code "error rs=3"},
 * {@code "close rs=3 code=1006 clean=false"}.
 *
 * @author wsapi contributors
 */
public final class EventLog {

	/** How long a test waits for an expected line. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> lines = new ArrayList<>();

	private volatile @Nullable WebSocket socket;

	/**
	 * Record every event of the socket from now on.
	 * @param socket the socket
	 * @return the log
	 */
	public static EventLog of(WebSocket socket) {
		EventLog log = new EventLog();
		log.attach(socket);
		return log;
	}

	/**
	 * Record every event of the socket from now on.
	 * @param socket the socket
	 */
	public void attach(WebSocket socket) {
		this.socket = socket;
		for (String type : List.of("open", "message", "error", "close")) {
			socket.addEventListener(type, (event) -> add(event.type() + " rs=" + socket.readyState() + details(event)));
		}
	}

	private static String details(Event event) {
		if (event instanceof MessageEvent message) {
			Object data = message.data();
			return (data instanceof String text) ? " text:" + text
					: (data instanceof ByteBuffer buffer) ? " arraybuffer:" + buffer.remaining()
							: (data instanceof Blob blob) ? " blob:" + blob.size() : " " + data;
		}
		if (event instanceof CloseEvent close) {
			return " code=" + close.code() + " clean=" + close.wasClean();
		}
		return "";
	}

	/**
	 * Return the readyState of the socket last attached, for lines of the test's own.
	 * @return the ready state
	 */
	public int readyState() {
		return Objects.requireNonNull(this.socket, "No socket attached").readyState();
	}

	/**
	 * Add a line of the test's own, such as a handshake attempt.
	 * @param line the line
	 */
	public void add(String line) {
		synchronized (this.lines) {
			this.lines.add(line);
		}
	}

	/**
	 * Return the lines so far.
	 * @return the lines, in order
	 */
	public List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	/**
	 * Wait until {@code count} lines starting with {@code prefix} have been recorded.
	 * @param prefix the start of the line
	 * @param count how many
	 * @return the lines so far
	 */
	public List<String> await(String prefix, int count) {
		waiting().until(() -> lines().stream().filter((line) -> line.startsWith(prefix)).count() >= count);
		return lines();
	}

	private static ConditionFactory waiting() {
		return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(TIMEOUT);
	}

}
