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

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads sockets share unless configured otherwise: daemon threads, so that open
 * sockets never keep a JVM from exiting, as with the JDK's HTTP client.
 *
 * @author wsapi contributors
 */
final class SharedExecutors {

	/** Runs listeners: a cached pool, so that a listener that blocks delays only its own socket. */
	static final ExecutorService EVENTS = Executors.newCachedThreadPool(daemonThreads("websocket-event-"));

	/** Runs writes, which may block on a slow peer. */
	static final ExecutorService WRITES = Executors.newCachedThreadPool(daemonThreads("websocket-write-"));

	/** Runs timers: connect timeouts and the check that releases held events. */
	static final ScheduledExecutorService TIMER = timer();

	private SharedExecutors() {
	}

	static Executor events() {
		return EVENTS;
	}

	private static ScheduledExecutorService timer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("websocket-timer-"));
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
