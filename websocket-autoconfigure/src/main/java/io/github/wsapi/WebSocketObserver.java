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

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told what happens to sockets, for metrics and logs: set with
 * {@link WebSocketOptions.Builder#observer(WebSocketObserver)}. Callbacks run on the
 * socket's event or write threads and must be quick (a counter increment): they sit on
 * the send and receive path.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public interface WebSocketObserver {

	/** An observer that does nothing. */
	WebSocketObserver NONE = new WebSocketObserver() {
	};

	/**
	 * Return an observer that tells {@code first}, then {@code second}.
	 * @param first the first observer
	 * @param second the second observer
	 * @return the combined observer
	 */
	static WebSocketObserver both(WebSocketObserver first, WebSocketObserver second) {
		return new WebSocketObserver() {

			@Override
			public void opened(WebSocket socket, Duration handshakeTime) {
				first.opened(socket, handshakeTime);
				second.opened(socket, handshakeTime);
			}

			@Override
			public void openFailed(WebSocket socket, Duration elapsed, @Nullable Throwable cause) {
				first.openFailed(socket, elapsed, cause);
				second.openFailed(socket, elapsed, cause);
			}

			@Override
			public void messageSent(WebSocket socket, boolean text, long bytes) {
				first.messageSent(socket, text, bytes);
				second.messageSent(socket, text, bytes);
			}

			@Override
			public void messageReceived(WebSocket socket, boolean text, long bytes) {
				first.messageReceived(socket, text, bytes);
				second.messageReceived(socket, text, bytes);
			}

			@Override
			public void closed(WebSocket socket, CloseEvent event, boolean failed) {
				first.closed(socket, event, failed);
				second.closed(socket, event, failed);
			}

			@Override
			public void listenerFailed(WebSocket socket, Event event, Throwable error) {
				first.listenerFailed(socket, event, error);
				second.listenerFailed(socket, event, error);
			}

			@Override
			public void reconnectScheduled(WebSocket socket, int attempt, Duration delay) {
				first.reconnectScheduled(socket, attempt, delay);
				second.reconnectScheduled(socket, attempt, delay);
			}

		};
	}

	/**
	 * The opening handshake succeeded; called just before the {@code open} event.
	 * @param socket the socket
	 * @param handshakeTime how long the handshake took
	 */
	default void opened(WebSocket socket, Duration handshakeTime) {
	}

	/**
	 * A connection attempt failed before it was open; called just before its
	 * {@code error} event.
	 * @param socket the socket
	 * @param elapsed how long the attempt took
	 * @param cause the cause, or {@code null} if {@code close()} was called while
	 * connecting
	 */
	default void openFailed(WebSocket socket, Duration elapsed, @Nullable Throwable cause) {
	}

	/**
	 * A message was handed to the transport.
	 * @param socket the socket
	 * @param text whether it is a text message
	 * @param bytes its size in bytes
	 */
	default void messageSent(WebSocket socket, boolean text, long bytes) {
	}

	/**
	 * A message is about to be dispatched.
	 * @param socket the socket
	 * @param text whether it is a text message
	 * @param bytes its size in bytes (UTF-8 for text)
	 */
	default void messageReceived(WebSocket socket, boolean text, long bytes) {
	}

	/**
	 * The socket is closed; called just before the {@code close} event.
	 * @param socket the socket
	 * @param event the close event about to be dispatched
	 * @param failed whether the connection failed (an {@code error} event precedes)
	 */
	default void closed(WebSocket socket, CloseEvent event, boolean failed) {
	}

	/**
	 * A listener threw an exception (which was logged).
	 * @param socket the socket
	 * @param event the event being dispatched
	 * @param error the exception
	 */
	default void listenerFailed(WebSocket socket, Event event, Throwable error) {
	}

	/**
	 * A reconnect attempt was scheduled.
	 * @param socket the socket
	 * @param attempt the attempt number since the socket was last open, from 1
	 * @param delay the back-off before the attempt
	 */
	default void reconnectScheduled(WebSocket socket, int attempt, Duration delay) {
	}

}
