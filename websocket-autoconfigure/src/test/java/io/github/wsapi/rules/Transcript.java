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

import static org.assertj.core.api.Assertions.assertThat;

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
	 * Wait for the close event and return every line.
	 * @return the lines, in dispatch order
	 */
	List<String> awaitClose() throws InterruptedException {
		assertThat(this.closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("close event within %s", TIMEOUT)
			.isTrue();
		return lines();
	}

	List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

}
