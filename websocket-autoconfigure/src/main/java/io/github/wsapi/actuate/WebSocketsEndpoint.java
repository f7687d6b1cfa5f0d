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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.wsapi.OverflowPolicy;
import io.github.wsapi.WebSocket;
import io.github.wsapi.actuate.WebSocketClientTracker.TrackedClient;
import io.github.wsapi.server.EndpointSettings;
import io.github.wsapi.server.WebSocketEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

/**
 * {@link Endpoint @Endpoint} that lists WebSocket clients and server endpoints with their
 * state: for each client its URL without user info or query, ready state, protocol,
 * extensions, buffered amount, reconnect attempts and last close; for each server
 * endpoint its paths, protocols, open sockets, their total buffered amount, and its
 * limits. It never shows message contents or handshake headers.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@Endpoint(id = "websockets", defaultAccess = Access.READ_ONLY)
public class WebSocketsEndpoint {

	private final WebSocketClientTracker tracker;

	private final List<WebSocketEndpoint> endpoints;

	/**
	 * Create an endpoint.
	 * @param tracker the tracker of the clients
	 * @param endpoints the server endpoints
	 */
	public WebSocketsEndpoint(WebSocketClientTracker tracker, List<WebSocketEndpoint> endpoints) {
		this.tracker = tracker;
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * Describe every client and server endpoint.
	 * @return the descriptor
	 */
	@ReadOperation
	public WebSocketsDescriptor websockets() {
		return describe((client) -> true, (endpoint) -> true);
	}

	/**
	 * Describe the client of the given name or the server endpoint mapped to the given
	 * path, such as {@code prices} or {@code rooms/*} for {@code /rooms/*}.
	 * @param name the client's name or the endpoint's path, in segments
	 * @return the descriptor, or {@code null} if no client or endpoint matches
	 */
	@ReadOperation
	public @Nullable WebSocketsDescriptor websocket(@Selector(match = Match.ALL_REMAINING) String... name) {
		String joined = String.join("/", name);
		WebSocketsDescriptor descriptor = describe((client) -> client.name().equals(joined),
				(endpoint) -> endpoint.paths().contains("/" + joined));
		return (descriptor.clients().isEmpty() && descriptor.endpoints().isEmpty()) ? null : descriptor;
	}

	private WebSocketsDescriptor describe(Predicate<TrackedClient> clientFilter,
			Predicate<WebSocketEndpoint> endpointFilter) {
		Map<String, ClientDescriptor> clients = new LinkedHashMap<>();
		for (TrackedClient client : this.tracker.clients().values()) {
			if (clientFilter.test(client)) {
				clients.put(client.name(), new ClientDescriptor(client));
			}
		}
		Map<String, EndpointDescriptor> endpoints = new LinkedHashMap<>();
		for (WebSocketEndpoint endpoint : this.endpoints) {
			if (endpointFilter.test(endpoint)) {
				endpoints.put(String.join(",", endpoint.paths()), new EndpointDescriptor(endpoint));
			}
		}
		return new WebSocketsDescriptor(clients, endpoints);
	}

	/**
	 * Description of the clients and the server endpoints.
	 *
	 * @param clients the clients, by name
	 * @param endpoints the server endpoints, by their paths joined with commas
	 */
	public record WebSocketsDescriptor(Map<String, ClientDescriptor> clients,
			Map<String, EndpointDescriptor> endpoints) implements OperationResponseBody {

	}

	/**
	 * Description of a client.
	 *
	 * @param url the URL, {@code scheme://host:port/path}, without user info or query
	 * @param readyState {@code CONNECTING}, {@code OPEN}, {@code CLOSING} or
	 * {@code CLOSED}
	 * @param reconnecting whether the client is not open and reconnects
	 * @param protocol the subprotocol the server selected
	 * @param extensions the extensions the server selected
	 * @param bufferedAmount the bytes queued by {@code send()} and not yet sent
	 * @param reconnectAttempts the reconnect attempts since the client was last open
	 * @param lastCloseCode the code of the last {@code close} event, if any
	 * @param lastCloseReason the reason of the last {@code close} event, if any
	 */
	public record ClientDescriptor(String url, String readyState, boolean reconnecting, String protocol,
			String extensions, long bufferedAmount, int reconnectAttempts, @Nullable Integer lastCloseCode,
			@Nullable String lastCloseReason) {

		ClientDescriptor(TrackedClient client) {
			this(client.url(), client.readyState(), client.reconnecting(), client.socket().protocol(),
					client.socket().extensions(), client.socket().bufferedAmount(), client.socket().reconnectAttempts(),
					client.lastCloseCode(), client.lastCloseReason());
		}

	}

	/**
	 * Description of a server endpoint.
	 *
	 * @param paths the path patterns it is mapped to
	 * @param protocols the subprotocols it speaks
	 * @param openSockets the number of open sockets
	 * @param bufferedAmount the bytes queued by {@code send()} on the open sockets and
	 * not yet sent
	 * @param limits its limits, or {@code null} until it is registered
	 */
	public record EndpointDescriptor(List<String> paths, List<String> protocols, int openSockets, long bufferedAmount,
			@Nullable LimitsDescriptor limits) {

		EndpointDescriptor(WebSocketEndpoint endpoint) {
			this(endpoint, List.copyOf(endpoint.sockets()));
		}

		private EndpointDescriptor(WebSocketEndpoint endpoint, List<WebSocket> sockets) {
			this(endpoint.paths(), endpoint.protocols(), sockets.size(),
					sockets.stream().mapToLong(WebSocket::bufferedAmount).sum(), LimitsDescriptor.of(endpoint));
		}

	}

	/**
	 * Description of the limits of a server endpoint.
	 *
	 * @param maxSockets the most open sockets, or -1 for no limit
	 * @param maxTextMessageSize the largest text message in bytes
	 * @param maxBinaryMessageSize the largest binary message in bytes
	 * @param sendBufferLimit the most bytes a socket may queue for sending
	 * @param overflowPolicy what {@code send()} does beyond the send buffer limit
	 * @param sendTimeLimit the longest time writing a message may take
	 * @param idleTimeout the time without traffic after which a socket is closed, if any
	 * @param permessageDeflate whether permessage-deflate is negotiated
	 */
	public record LimitsDescriptor(int maxSockets, int maxTextMessageSize, int maxBinaryMessageSize,
			long sendBufferLimit, OverflowPolicy overflowPolicy, Duration sendTimeLimit, @Nullable Duration idleTimeout,
			boolean permessageDeflate) {

		static @Nullable LimitsDescriptor of(WebSocketEndpoint endpoint) {
			EndpointSettings settings = endpoint.settings();
			return (settings != null) ? new LimitsDescriptor(settings.maxSockets(), settings.maxTextMessageSize(),
					settings.maxBinaryMessageSize(), settings.sendBufferLimit(), settings.overflowPolicy(),
					settings.sendTimeLimit(), settings.idleTimeout(), settings.permessageDeflate()) : null;
		}

	}

}
