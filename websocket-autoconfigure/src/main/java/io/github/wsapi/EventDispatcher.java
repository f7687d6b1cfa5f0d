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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one socket's tasks one at a time, in order, on a shared executor: the Java
 * counterpart of the browser's event loop for that socket.
 * <p>
 * A browser never runs an event task while the script that created the socket is still
 * running, so listeners added right after {@code new WebSocket(...)} never miss
 * {@code open}. Java has no such turn boundary; the closest observable one is the creating
 * thread leaving the running state (waiting, sleeping, or finished). Tasks are held until
 * then, for at most {@link #MAX_HOLD_NANOS}, so a busy creating thread cannot starve the
 * socket.
 *
 * @author wsapi contributors
 */
final class EventDispatcher implements Executor {

	static final long MAX_HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private static final long HOLD_CHECK_MICROS = 200;

	private static final Log logger = LogFactory.getLog(EventDispatcher.class);

	private final Executor executor;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private @Nullable Thread holder;

	private final long holdDeadline;

	private boolean scheduled;

	EventDispatcher(Executor executor, @Nullable Thread holder) {
		this.executor = executor;
		this.holder = holder;
		this.holdDeadline = System.nanoTime() + MAX_HOLD_NANOS;
	}

	@Override
	public void execute(Runnable task) {
		synchronized (this.tasks) {
			this.tasks.add(task);
			if (this.scheduled) {
				return;
			}
			this.scheduled = true;
		}
		schedule();
	}

	private void schedule() {
		if (isHeld()) {
			SharedExecutors.TIMER.schedule(this::schedule, HOLD_CHECK_MICROS, TimeUnit.MICROSECONDS);
			return;
		}
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// an executor that is shutting down must not wedge the socket: run here instead
			logger.debug("WebSocket event executor rejected a task; running it on the calling thread", ex);
			drain();
		}
	}

	private boolean isHeld() {
		Thread holder = this.holder;
		if (holder == null) {
			return false;
		}
		// BLOCKED is still running: entering a monitor, such as the listener list's
		Thread.State state = holder.getState();
		boolean running = state == Thread.State.RUNNABLE || state == Thread.State.BLOCKED;
		if (running && System.nanoTime() - this.holdDeadline < 0) {
			return true;
		}
		this.holder = null;
		return false;
	}

	private void drain() {
		while (true) {
			Runnable task;
			synchronized (this.tasks) {
				task = this.tasks.poll();
				if (task == null) {
					this.scheduled = false;
					return;
				}
			}
			try {
				task.run();
			}
			catch (Throwable ex) {
				logger.error("WebSocket event task failed", ex);
			}
		}
	}

}
