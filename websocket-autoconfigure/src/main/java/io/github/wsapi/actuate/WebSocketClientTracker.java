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

package io.github.wsapi.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.EventListener;
import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import org.jspecify.annotations.Nullable;

/**
 * Tracks named {@link WebSocket} clients for the actuator, keeping what a socket does not
 * tell itself: since when it has not been open, its last close code and reason, and
 * whether it is reconnecting. It listens to each client's {@code open} and {@code close}
 * events from the time it is {@link #track(String, WebSocket) tracked}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class WebSocketClientTracker {

	private static final String[] READY_STATES = { "CONNECTING", "OPEN", "CLOSING", "CLOSED" };

	private final Clock clock;

	private final Map<String, TrackedClient> clients = new ConcurrentHashMap<>();

	/**
	 * Create a tracker that reads the system clock.
	 */
	public WebSocketClientTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a tracker that reads the given clock.
	 * @param clock the clock
	 */
	public WebSocketClientTracker(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Start tracking a client, replacing another client tracked under the same name. A
	 * client already tracked under the name keeps its history.
	 * @param name the client's name
	 * @param socket the client
	 */
	public synchronized void track(String name, WebSocket socket) {
		TrackedClient previous = this.clients.get(name);
		if (previous != null && previous.socket == socket) {
			return;
		}
		this.clients.put(name, new TrackedClient(name, socket, this.clock));
		if (previous != null) {
			previous.stopListening();
		}
	}

	/**
	 * Stop tracking a client, such as when its bean is destroyed.
	 * @param name the client's name
	 */
	public synchronized void untrack(String name) {
		TrackedClient removed = this.clients.remove(name);
		if (removed != null) {
			removed.stopListening();
		}
	}

	/**
	 * Return the tracked clients.
	 * @return the clients by name, sorted
	 */
	public SortedMap<String, TrackedClient> clients() {
		return Collections.unmodifiableSortedMap(new TreeMap<>(this.clients));
	}

	/**
	 * Return a URL without what may be secret: {@code scheme://host:port/path}, without
	 * user info, query or fragment, and with the scheme's default port spelled out.
	 * @param url a {@code ws:} or {@code wss:} URL, as {@link WebSocket#url()} returns it
	 * @return the sanitized URL
	 */
	static String sanitize(String url) {
		int schemeEnd = url.indexOf("://");
		if (schemeEnd < 0) {
			return "";
		}
		String scheme = url.substring(0, schemeEnd);
		int authorityStart = schemeEnd + 3;
		int pathStart = indexOfAny(url, "/?#", authorityStart);
		String authority = url.substring(authorityStart, pathStart);
		// the user info ends at the last '@', as an '@' inside it is percent-encoded
		String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
		if (hostAndPort.lastIndexOf(':') <= hostAndPort.lastIndexOf(']')) {
			hostAndPort += ":" + ("wss".equals(scheme) ? 443 : 80);
		}
		String path = url.substring(pathStart, indexOfAny(url, "?#", pathStart));
		return scheme + "://" + hostAndPort + (path.isEmpty() ? "/" : path);
	}

	private static int indexOfAny(String text, String characters, int from) {
		for (int i = from; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	/**
	 * A tracked client.
	 */
	public static final class TrackedClient {

		private final String name;

		private final WebSocket socket;

		private final Clock clock;

		private final EventListener<Event> openListener = this::opened;

		private final EventListener<CloseEvent> closeListener = this::closed;

		private volatile @Nullable Instant notOpenSince;

		private volatile @Nullable CloseEvent lastClose;

		private volatile boolean reconnectScheduled;

		// confined to the socket's event dispatch, as are the listeners
		private int attempts;

		TrackedClient(String name, WebSocket socket, Clock clock) {
			this.name = name;
			this.socket = socket;
			this.clock = clock;
			this.notOpenSince = (socket.readyState() != WebSocket.OPEN) ? clock.instant() : null;
			this.attempts = socket.reconnectAttempts();
			socket.addEventListener(EventType.OPEN, this.openListener);
			socket.addEventListener(EventType.CLOSE, this.closeListener);
		}

		private void opened(Event event) {
			this.notOpenSince = null;
			this.attempts = this.socket.reconnectAttempts();
		}

		// the socket decides to reconnect before its close event, and counts the attempt
		// then: a count that went up since the last event means a reconnect is scheduled
		private void closed(CloseEvent event) {
			int attempts = this.socket.reconnectAttempts();
			this.reconnectScheduled = attempts > this.attempts;
			this.attempts = attempts;
			this.lastClose = event;
			if (this.notOpenSince == null) {
				this.notOpenSince = this.clock.instant();
			}
		}

		void stopListening() {
			this.socket.removeEventListener(EventType.OPEN, this.openListener);
			this.socket.removeEventListener(EventType.CLOSE, this.closeListener);
		}

		/**
		 * Return the client's name.
		 * @return the name
		 */
		public String name() {
			return this.name;
		}

		/**
		 * Return the client.
		 * @return the socket
		 */
		public WebSocket socket() {
			return this.socket;
		}

		/**
		 * Return the client's URL without user info, query or fragment.
		 * @return the sanitized URL, {@code scheme://host:port/path}
		 */
		public String url() {
			return sanitize(this.socket.url());
		}

		/**
		 * Return the name of the client's ready state.
		 * @return {@code CONNECTING}, {@code OPEN}, {@code CLOSING} or {@code CLOSED}
		 */
		public String readyState() {
			return READY_STATES[this.socket.readyState()];
		}

		/**
		 * Return whether the client is not open and is about to reconnect or is
		 * reconnecting.
		 * @return whether the client is reconnecting
		 */
		public boolean reconnecting() {
			return this.reconnectScheduled && this.socket.readyState() != WebSocket.OPEN;
		}

		/**
		 * Return the code of the client's last {@code close} event.
		 * @return the close code, or {@code null} if it has not closed since it was
		 * tracked
		 */
		public @Nullable Integer lastCloseCode() {
			CloseEvent lastClose = this.lastClose;
			return (lastClose != null) ? lastClose.code() : null;
		}

		/**
		 * Return the reason of the client's last {@code close} event.
		 * @return the close reason, or {@code null} if it has not closed since it was
		 * tracked
		 */
		public @Nullable String lastCloseReason() {
			CloseEvent lastClose = this.lastClose;
			return (lastClose != null) ? lastClose.reason() : null;
		}

		/**
		 * Return since when the client has not been open: the {@code close} event that
		 * ended its last open connection, however many failed attempts followed, or when
		 * it was tracked if it has not been open since.
		 * @return the instant, or {@code null} while open
		 */
		public @Nullable Instant notOpenSince() {
			return this.notOpenSince;
		}

		/**
		 * Return how long the client has not been open.
		 * @return the duration, zero while open
		 */
		public Duration notOpenFor() {
			Instant since = this.notOpenSince;
			return (since != null) ? Duration.between(since, this.clock.instant()) : Duration.ZERO;
		}

	}

}
