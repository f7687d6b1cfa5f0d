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

import org.jspecify.annotations.Nullable;

/**
 * The {@code error} event of a {@link WebSocket}. A browser fires a plain {@link Event};
 * this one also carries its cause, for logs and metrics.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class ErrorEvent extends Event {

	private final @Nullable Throwable error;

	/**
	 * Create an error event.
	 * @param type the type, usually {@code "error"}
	 * @param error the cause, if known
	 */
	public ErrorEvent(String type, @Nullable Throwable error) {
		super(type);
		this.error = error;
	}

	/**
	 * Return the cause of the failure, if known.
	 * @return the cause or {@code null}
	 */
	public @Nullable Throwable error() {
		return this.error;
	}

	/**
	 * Return a description of the failure.
	 * @return the message of the cause, or an empty string
	 */
	public String message() {
		Throwable error = this.error;
		return (error != null && error.getMessage() != null) ? error.getMessage() : "";
	}

}
