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

/**
 * What {@code send()} does when a message would take the
 * {@link WebSocket#bufferedAmount() buffered amount} past
 * {@link WebSocketOptions#maxBufferedAmount()}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public enum OverflowPolicy {

	/**
	 * Fail the connection, as a browser does when its buffer is full: the message is
	 * counted but not sent, a Close frame 1009 "Send buffer full" goes to the peer and the
	 * socket sees {@code error}, then {@code close} with code 1006.
	 */
	FAIL,

	/**
	 * Throw a {@link DOMException} {@code QuotaExceededError} from {@code send()}; nothing
	 * is queued and the connection stays open.
	 */
	REJECT,

	/**
	 * Discard the message silently; nothing is queued and the connection stays open. A
	 * future from {@code sendAsync()} completes exceptionally.
	 */
	DROP

}
