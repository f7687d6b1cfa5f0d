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
 * An event type name together with the class of its events, for typed listeners:
 * {@code socket.addEventListener(EventType.MESSAGE, event -> use(event.data()))}.
 *
 * @param <E> the event class
 * @param name the event type name
 * @param eventClass the event class
 * @author wsapi contributors
 * @since 0.1.0
 */
public record EventType<E extends Event>(String name, Class<E> eventClass) {

	/** The {@code open} event. */
	public static final EventType<Event> OPEN = new EventType<>("open", Event.class);

	/** The {@code message} event. */
	public static final EventType<MessageEvent> MESSAGE = new EventType<>("message", MessageEvent.class);

	/** The {@code error} event. */
	public static final EventType<ErrorEvent> ERROR = new EventType<>("error", ErrorEvent.class);

	/** The {@code close} event. */
	public static final EventType<CloseEvent> CLOSE = new EventType<>("close", CloseEvent.class);

	/**
	 * The {@code bufferedamountlow} event, as on the browser's {@code RTCDataChannel}: the
	 * buffered amount fell from above {@link WebSocket#bufferedAmountLowThreshold()} to at
	 * or below it.
	 */
	public static final EventType<Event> BUFFERED_AMOUNT_LOW = new EventType<>("bufferedamountlow", Event.class);

}
