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
 * The browser's {@code DOMException}: thrown by {@link WebSocket} exactly where a browser
 * throws, with the same {@link #name() name} and legacy {@link #code() code}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class DOMException extends RuntimeException {

	/** Legacy code of {@code InvalidStateError}. */
	public static final int INVALID_STATE_ERR = 11;

	/** Legacy code of {@code SyntaxError}. */
	public static final int SYNTAX_ERR = 12;

	/** Legacy code of {@code InvalidAccessError}. */
	public static final int INVALID_ACCESS_ERR = 15;

	/** Legacy code of {@code SecurityError}. */
	public static final int SECURITY_ERR = 18;

	/** Legacy code of {@code QuotaExceededError}. */
	public static final int QUOTA_EXCEEDED_ERR = 22;

	private static final long serialVersionUID = 1L;

	private final String name;

	/**
	 * Create an exception with the given message and WebIDL name.
	 * @param message what went wrong
	 * @param name the WebIDL name, such as {@code "SyntaxError"}
	 */
	public DOMException(String message, String name) {
		super(message);
		this.name = name;
	}

	/**
	 * Return the WebIDL name, such as {@code "InvalidStateError"}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the legacy numeric code of the name, or 0 for names that have none.
	 * @return the legacy code
	 */
	public int code() {
		return switch (this.name) {
			case "InvalidStateError" -> INVALID_STATE_ERR;
			case "SyntaxError" -> SYNTAX_ERR;
			case "InvalidAccessError" -> INVALID_ACCESS_ERR;
			case "SecurityError" -> SECURITY_ERR;
			case "QuotaExceededError" -> QUOTA_EXCEEDED_ERR;
			default -> 0;
		};
	}

	static DOMException syntaxError(String message) {
		return new DOMException(message, "SyntaxError");
	}

	static DOMException invalidStateError(String message) {
		return new DOMException(message, "InvalidStateError");
	}

	static DOMException invalidAccessError(String message) {
		return new DOMException(message, "InvalidAccessError");
	}

	static DOMException quotaExceededError(String message) {
		return new DOMException(message, "QuotaExceededError");
	}

	@Override
	public String toString() {
		return this.name + ": " + getMessage();
	}

}
