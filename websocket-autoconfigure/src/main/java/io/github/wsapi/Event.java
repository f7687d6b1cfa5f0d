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
 * The DOM's {@code Event}: a type, the target it is dispatched to, and a time stamp.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public class Event {

	private final String type;

	private final long timeStamp = System.currentTimeMillis();

	private @Nullable EventTarget target;

	private @Nullable EventTarget currentTarget;

	/**
	 * Create an event of the given type.
	 * @param type the type, such as {@code "open"}
	 */
	public Event(String type) {
		this.type = type;
	}

	/**
	 * Return the event type.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * Return the target the event was dispatched to, or {@code null} before dispatch.
	 * @return the target
	 */
	public @Nullable EventTarget target() {
		return this.target;
	}

	/**
	 * Return the target whose listeners are being called, or {@code null} outside
	 * dispatch.
	 * @return the current target
	 */
	public @Nullable EventTarget currentTarget() {
		return this.currentTarget;
	}

	/**
	 * Return when the event was created, in milliseconds since the epoch.
	 * @return the time stamp
	 */
	public long timeStamp() {
		return this.timeStamp;
	}

	void dispatchingTo(@Nullable EventTarget target) {
		if (target != null) {
			this.target = target;
		}
		this.currentTarget = target;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[type=" + this.type + "]";
	}

}
