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

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The listener list of an {@link EventTarget}, with the DOM's ordering rules: listeners run
 * in the order they were added; an {@code onX} handler keeps the position where it was
 * first set; a listener removed during dispatch is not called; one added during dispatch
 * waits for the next event.
 *
 * @author wsapi contributors
 */
final class EventListeners {

	private final List<Entry> entries = new ArrayList<>();

	synchronized void add(String type, EventListener<?> listener, Class<? extends Event> eventClass, boolean once) {
		for (Entry entry : this.entries) {
			if (!entry.handler && entry.type.equals(type) && entry.listener == listener) {
				return;
			}
		}
		this.entries.add(new Entry(type, listener, eventClass, once, false));
	}

	synchronized void remove(String type, EventListener<?> listener) {
		for (int i = 0; i < this.entries.size(); i++) {
			Entry entry = this.entries.get(i);
			if (!entry.handler && entry.type.equals(type) && entry.listener == listener) {
				entry.removed = true;
				this.entries.remove(i);
				return;
			}
		}
	}

	synchronized void setHandler(String type, @Nullable EventListener<?> handler, Class<? extends Event> eventClass) {
		Entry slot = handlerEntry(type);
		if (handler == null) {
			if (slot != null) {
				slot.removed = true;
				this.entries.remove(slot);
			}
		}
		else if (slot != null) {
			slot.listener = handler;
		}
		else {
			this.entries.add(new Entry(type, handler, eventClass, false, true));
		}
	}

	synchronized @Nullable EventListener<?> handler(String type) {
		Entry slot = handlerEntry(type);
		return (slot != null) ? slot.listener : null;
	}

	/**
	 * Call the listeners of the event's type, in order, each inside its own try block.
	 * @param event the event
	 * @param failureHandler told about each listener that throws
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void dispatch(Event event, BiConsumer<Event, Throwable> failureHandler) {
		List<Entry> snapshot;
		synchronized (this) {
			snapshot = new ArrayList<>(this.entries.size());
			for (Entry entry : this.entries) {
				if (entry.type.equals(event.type())) {
					snapshot.add(entry);
				}
			}
		}
		for (Entry entry : snapshot) {
			if (entry.removed || !entry.eventClass.isInstance(event)) {
				continue;
			}
			if (entry.once) {
				remove(entry.type, entry.listener);
			}
			try {
				((EventListener) entry.listener).handleEvent(event);
			}
			catch (Throwable ex) {
				failureHandler.accept(event, ex);
			}
		}
	}

	private @Nullable Entry handlerEntry(String type) {
		for (Entry entry : this.entries) {
			if (entry.handler && entry.type.equals(type)) {
				return entry;
			}
		}
		return null;
	}

	private static final class Entry {

		final String type;

		final Class<? extends Event> eventClass;

		final boolean once;

		final boolean handler;

		// an onX handler is replaced in place, keeping its position
		volatile EventListener<?> listener;

		volatile boolean removed;

		Entry(String type, EventListener<?> listener, Class<? extends Event> eventClass, boolean once,
				boolean handler) {
			this.type = type;
			this.listener = listener;
			this.eventClass = eventClass;
			this.once = once;
			this.handler = handler;
		}

	}

}
