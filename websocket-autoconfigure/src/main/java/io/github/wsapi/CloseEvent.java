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
 * The DOM's {@code CloseEvent}, fired exactly once when a {@link WebSocket} is closed.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class CloseEvent extends Event {

	private final boolean wasClean;

	private final int code;

	private final String reason;

	/**
	 * Create a close event.
	 * @param type the type, usually {@code "close"}
	 * @param wasClean whether the closing handshake completed
	 * @param code the close code of the first Close frame received, 1005 if it had none,
	 * 1006 if none was received
	 * @param reason the reason of that Close frame
	 */
	public CloseEvent(String type, boolean wasClean, int code, String reason) {
		super(type);
		this.wasClean = wasClean;
		this.code = code;
		this.reason = reason;
	}

	/**
	 * Return whether the closing handshake completed.
	 * @return whether the close was clean
	 */
	public boolean wasClean() {
		return this.wasClean;
	}

	/**
	 * Return the close code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Return the close reason.
	 * @return the reason, possibly empty
	 */
	public String reason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "CloseEvent[code=" + this.code + ", reason=" + this.reason + ", wasClean=" + this.wasClean + "]";
	}

}
