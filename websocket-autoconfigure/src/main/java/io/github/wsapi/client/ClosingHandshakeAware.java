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
package io.github.wsapi.client;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

/**
 * Implemented by a {@link WebSocketHandler} that wants to know when the peer's Close
 * frame arrives. {@link WebSocketHandler#afterConnectionClosed} comes later, once the
 * peer has also closed TCP (RFC 6455 section 7.1.1, at most two seconds later); a browser
 * is in the CLOSING state in between.
 *
 * @author wsapi contributors
 * @since 0.1.0
 * @see Rfc6455WebSocketClient
 */
public interface ClosingHandshakeAware {

	/**
	 * Called on the reader thread when the peer's Close frame has been received and
	 * answered.
	 * @param session the session
	 * @param status the code and reason of the peer's Close frame (1005 if it had none)
	 */
	void closingHandshakeStarted(WebSocketSession session, CloseStatus status);

}
