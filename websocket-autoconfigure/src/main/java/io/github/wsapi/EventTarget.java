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
 * The DOM's {@code EventTarget}: listeners are called in the order they were added, once
 * per registration, and {@link #dispatchEvent(Event)} runs them synchronously.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public interface EventTarget {

	/**
	 * Add a listener for events of the given type. Adding the same listener for the same
	 * type again has no effect.
	 * @param type the event type, such as {@code "message"}
	 * @param listener the listener
	 */
	void addEventListener(String type, EventListener<? super Event> listener);

	/**
	 * Add a listener for events of the given type.
	 * @param type the event type, such as {@code "message"}
	 * @param listener the listener
	 * @param once whether the listener is removed before it is first called
	 */
	void addEventListener(String type, EventListener<? super Event> listener, boolean once);

	/**
	 * Remove a listener added for the given type; a listener that is not registered is
	 * ignored.
	 * @param type the event type
	 * @param listener the listener
	 */
	void removeEventListener(String type, EventListener<? super Event> listener);

	/**
	 * Dispatch an event to this target's listeners of its type, synchronously on the
	 * calling thread.
	 * @param event the event
	 * @return {@code true}, as events here are not cancelable
	 */
	boolean dispatchEvent(Event event);

}
