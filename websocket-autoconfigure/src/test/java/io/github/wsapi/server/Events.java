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


package io.github.wsapi.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one socket, in order, for a test to take one by one.
 *
 * @author wsapi contributors
 */
final class Events {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();

	private Events() {
	}

	static Events of(WebSocket socket) {
		Events events = new Events();
		for (String type : List.of("open", "message", "error", "close")) {
			socket.addEventListener(type, events.queue::add);
		}
		return events;
	}

	Event next() throws InterruptedException {
		Event event = this.queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).as("an event within %s", TIMEOUT).isNotNull();
		return event;
	}

	void awaitOpen() throws InterruptedException {
		assertThat(next().type()).isEqualTo("open");
	}

	Object nextData() throws InterruptedException {
		Event event = next();
		assertThat(event).isInstanceOf(MessageEvent.class);
		return ((MessageEvent) event).data();
	}

	/**
	 * Take events up to the {@code close} event.
	 * @return the types of the events before it, and the close event last
	 */
	List<Event> untilClose() throws InterruptedException {
		List<Event> events = new ArrayList<>();
		Event event;
		do {
			event = next();
			events.add(event);
		}
		while (!(event instanceof CloseEvent));
		return events;
	}

	CloseEvent awaitClose() throws InterruptedException {
		List<Event> events = untilClose();
		return (CloseEvent) events.get(events.size() - 1);
	}

}
