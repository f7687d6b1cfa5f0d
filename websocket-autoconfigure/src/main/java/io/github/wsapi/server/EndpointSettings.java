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
import java.util.List;

import io.github.wsapi.OverflowPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The limits and policies one endpoint runs with: its own settings over the registrar's
 * defaults. Returned by {@link WebSocketEndpoint#settings()}.
 *
 * @param allowedOrigins origins allowed besides the same origin
 * @param allowedOriginPatterns origin patterns allowed besides the same origin
 * @param maxTextMessageSize largest text message in UTF-8 bytes
 * @param maxBinaryMessageSize largest binary message in bytes
 * @param maxSockets most open sockets, or -1 for no limit
 * @param sendBufferLimit most bytes a socket may queue for sending
 * @param overflowPolicy what send() does beyond the send buffer limit
 * @param sendTimeLimit longest time a message may take to be written
 * @param idleTimeout time without traffic after which a socket is closed, or
 * {@code null} for none
 * @param pingInterval interval between Ping frames, or {@code null} for none
 * @param pongTimeout longest wait for the Pong of a Ping
 * @param permessageDeflate whether permessage-deflate is negotiated
 * @author wsapi contributors
 * @since 0.1.0
 */
public record EndpointSettings(List<String> allowedOrigins, List<String> allowedOriginPatterns, int maxTextMessageSize,
		int maxBinaryMessageSize, int maxSockets, long sendBufferLimit, OverflowPolicy overflowPolicy,
		Duration sendTimeLimit, @Nullable Duration idleTimeout, @Nullable Duration pingInterval, Duration pongTimeout,
		boolean permessageDeflate) {

}
