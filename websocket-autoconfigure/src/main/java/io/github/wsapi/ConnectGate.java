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

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * RFC 6455 section 4.1: a client has at most one connection per host in the CONNECTING
 * state; later ones wait until that handshake has succeeded or failed.
 *
 * @author wsapi contributors
 */
final class ConnectGate {

	private static final Map<String, ArrayDeque<Runnable>> waiting = new HashMap<>();

	private ConnectGate() {
	}

	/**
	 * Run {@code start} now if no handshake to the host is in progress, else when the
	 * earlier ones are done. {@code start} must lead to exactly one {@link #done(String)}.
	 * @param host the host and port
	 * @param start starts the handshake
	 */
	static void enter(String host, Runnable start) {
		synchronized (waiting) {
			ArrayDeque<Runnable> queue = waiting.get(host);
			if (queue != null) {
				queue.add(start);
				return;
			}
			waiting.put(host, new ArrayDeque<>());
		}
		start.run();
	}

	/**
	 * Signal that a handshake to the host has finished, starting the next waiting one.
	 * @param host the host and port
	 */
	static void done(String host) {
		Runnable next;
		synchronized (waiting) {
			ArrayDeque<Runnable> queue = waiting.get(host);
			if (queue == null) {
				return;
			}
			next = queue.poll();
			if (next == null) {
				waiting.remove(host);
				return;
			}
		}
		next.run();
	}

}
