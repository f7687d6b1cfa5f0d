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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the sockets of {@link WebSocketEndpoint}s with code 1001 (going away) when the
 * application context stops, before the web server shuts down: Tomcat's graceful
 * shutdown waits for HTTP requests, not for upgraded connections, which it would drop
 * without a Close frame. While stopped, the endpoints refuse handshakes with HTTP 503; a
 * restart (such as after {@code ConfigurableApplicationContext.pause()}) accepts them
 * again.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class WebSocketGracefulShutdownLifecycle implements SmartLifecycle {

	/**
	 * The phase: above Spring Boot's {@code WebServerGracefulShutdownLifecycle} phase
	 * ({@code DEFAULT_PHASE - 1024}), so that it stops before the web server.
	 */
	public static final int SMART_LIFECYCLE_PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(WebSocketGracefulShutdownLifecycle.class);

	private static final int MAX_CLOSING_THREADS = 64;

	private final List<WebSocketEndpoint> endpoints;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a lifecycle for the given endpoints.
	 * @param endpoints the endpoints
	 * @param timeout how long to wait for the sockets to close after Close 1001 was sent
	 */
	public WebSocketGracefulShutdownLifecycle(List<WebSocketEndpoint> endpoints, Duration timeout) {
		this.endpoints = List.copyOf(endpoints);
		this.timeout = timeout;
	}

	@Override
	public void start() {
		for (WebSocketEndpoint endpoint : this.endpoints) {
			EndpointHandler handler = endpoint.handler();
			if (handler != null) {
				handler.resume();
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		shutdown().join();
	}

	@Override
	public void stop(Runnable callback) {
		shutdown().whenComplete((result, ex) -> callback.run());
	}

	private CompletableFuture<Void> shutdown() {
		this.running = false;
		List<EndpointHandler> handlers = new ArrayList<>();
		int sessions = 0;
		for (WebSocketEndpoint endpoint : this.endpoints) {
			EndpointHandler handler = endpoint.handler();
			if (handler != null) {
				handlers.add(handler);
				sessions += handler.openSessions();
			}
		}
		// a close blocks while the peer does not read, up to the send time limit
		ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, Math.min(sessions, MAX_CLOSING_THREADS)),
				closingThreads());
		CompletableFuture<?>[] drained = handlers.stream()
			.map((handler) -> handler.shutdown(closer))
			.toArray(CompletableFuture<?>[]::new);
		closer.shutdown();
		return CompletableFuture.allOf(drained)
			.completeOnTimeout(null, this.timeout.toNanos(), TimeUnit.NANOSECONDS)
			.whenComplete((result, ex) -> {
				int left = handlers.stream().mapToInt(EndpointHandler::openSessions).sum();
				if (left > 0) {
					logger.info(left + " WebSocket sessions did not close within " + this.timeout
							+ "; stopping the web server drops them");
				}
			});
	}

	private static ThreadFactory closingThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "websocket-shutdown-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SMART_LIFECYCLE_PHASE;
	}

}
