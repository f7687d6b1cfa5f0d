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

package io.github.wsapi.conformance;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.wsapi.Blob;
import io.github.wsapi.CloseEvent;
import io.github.wsapi.DOMException;
import io.github.wsapi.Event;
import io.github.wsapi.EventListener;
import io.github.wsapi.MessageEvent;
import io.github.wsapi.WebSocket;
import io.github.wsapi.conformance.Scenario.AddListener;
import io.github.wsapi.conformance.Scenario.ArrayBuffer;
import io.github.wsapi.conformance.Scenario.BinaryType;
import io.github.wsapi.conformance.Scenario.Close;
import io.github.wsapi.conformance.Scenario.Construct;
import io.github.wsapi.conformance.Scenario.Dispatch;
import io.github.wsapi.conformance.Scenario.Handler;
import io.github.wsapi.conformance.Scenario.On;
import io.github.wsapi.conformance.Scenario.Payload;
import io.github.wsapi.conformance.Scenario.Probe;
import io.github.wsapi.conformance.Scenario.Read;
import io.github.wsapi.conformance.Scenario.RemoveListener;
import io.github.wsapi.conformance.Scenario.Send;
import io.github.wsapi.conformance.Scenario.Step;
import io.github.wsapi.conformance.Scenario.Text;
import io.github.wsapi.conformance.Scenario.View;
import org.jspecify.annotations.Nullable;

/**
 * Plays a {@link Scenario} document against {@link WebSocket}, line for line as
 * {@code conformance/interpreter.js} plays it against the browser's {@code WebSocket}. The
 * two must stay twins: the same steps, the same labels, the same transcript format.
 * <p>
 * The steps run on the calling thread, like one page script; the steps of {@link On}
 * run inside the listener. The run ends {@value #SETTLE_MILLIS} ms after the {@code close}
 * event of the socket under test, so that an event fired after it would show, or at
 * once when no socket was constructed.
 *
 * @author wsapi contributors
 */
final class JavaInterpreter {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final long SETTLE_MILLIS = 50;

	private static final List<String> EVENT_TYPES = List.of("open", "message", "error", "close");

	private static final int MAX_TEXT_SHOWN = 64;

	// FNV-1a, 32 bits: a fingerprint of long data that the page computes the same way
	private static final int FNV_OFFSET = 0x811c9dc5;

	private static final int FNV_PRIME = 0x01000193;

	private final List<String> transcript = new ArrayList<>();

	private final CompletableFuture<Void> finished = new CompletableFuture<>();

	private final Map<String, EventListener<Event>> listeners = new ConcurrentHashMap<>();

	private volatile @Nullable WebSocket socket;

	private JavaInterpreter() {
	}

	/**
	 * Play the document and return the transcript.
	 * @param document a {@link Scenario#toJson() scenario document}
	 * @return the lines, in the order they were recorded
	 */
	static List<String> run(String document) {
		JavaInterpreter interpreter = new JavaInterpreter();
		Scenario.stepsOf(document).forEach(interpreter::execute);
		return interpreter.awaitEnd();
	}

	private List<String> awaitEnd() {
		WebSocket socket = this.socket;
		if (socket != null) {
			try {
				this.finished.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				record("timeout");
				socket.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex.getCause());
			}
		}
		synchronized (this.transcript) {
			return List.copyOf(this.transcript);
		}
	}

	private void execute(Step step) {
		if (step instanceof Construct construct) {
			construct(construct);
		}
		else if (step instanceof Probe probe) {
			probe(probe);
		}
		else if (step instanceof Send send) {
			record("send(" + label(send.data()) + ") -> " + outcome(() -> send(send.data())));
		}
		else if (step instanceof Close close) {
			record(label(close) + " -> " + outcome(() -> close(close)));
		}
		else if (step instanceof BinaryType binaryType) {
			socket().binaryType(binaryType.value());
			record("binaryType := " + escape(binaryType.value()) + " -> " + socket().binaryType());
		}
		else if (step instanceof Read read) {
			record(read.attribute() + "=" + escape(read(read.attribute())));
		}
		else if (step instanceof AddListener add) {
			socket().addEventListener(add.type(), listener(add.label()), add.once());
		}
		else if (step instanceof RemoveListener remove) {
			socket().removeEventListener(remove.type(), listener(remove.label()));
		}
		else if (step instanceof Handler handler) {
			setHandler(handler.type(), handler.label());
		}
		else if (step instanceof Dispatch dispatch) {
			record("dispatch(" + dispatch.type() + ") -> " + socket().dispatchEvent(new Event(dispatch.type())));
		}
		else if (step instanceof On on) {
			AtomicInteger seen = new AtomicInteger();
			socket().addEventListener(on.type(), (event) -> {
				if (seen.incrementAndGet() == on.nth()) {
					on.steps().forEach(this::execute);
				}
			});
		}
	}

	private void construct(Construct construct) {
		String label = label("new", construct.url(), construct.protocols());
		WebSocket socket;
		try {
			socket = new WebSocket(construct.url(), construct.protocols().toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			record(label + " -> " + name(ex));
			return;
		}
		this.socket = socket;
		record(label + " -> ok");
		for (String type : EVENT_TYPES) {
			socket.addEventListener(type, (event) -> recordEvent(socket, event));
		}
	}

	private void probe(Probe probe) {
		String label = label("probe", probe.url(), probe.protocols());
		try {
			WebSocket probed = new WebSocket(probe.url(), probe.protocols().toArray(String[]::new));
			record(label + " -> " + escape(probed.url()));
			probed.close();
		}
		catch (RuntimeException ex) {
			record(label + " -> " + name(ex));
		}
	}

	private void send(Payload data) {
		WebSocket socket = socket();
		if (data instanceof Text text) {
			socket.send(text.value().repeat(text.repeat()));
		}
		else if (data instanceof ArrayBuffer buffer) {
			socket.send(pattern(buffer.size()));
		}
		else if (data instanceof View view) {
			socket.send(ByteBuffer.wrap(pattern(view.size()), view.offset(), view.length()));
		}
		else if (data instanceof Scenario.Blob blob) {
			socket.send(new Blob(pattern(blob.size())));
		}
	}

	private void close(Close close) {
		Integer code = close.code();
		if (code == null) {
			socket().close();
		}
		else if (close.reason() == null) {
			socket().close(code);
		}
		else {
			socket().close(code, close.reason());
		}
	}

	private String read(String attribute) {
		WebSocket socket = socket();
		return switch (attribute) {
			case "readyState" -> String.valueOf(socket.readyState());
			case "bufferedAmount" -> String.valueOf(socket.bufferedAmount());
			case "protocol" -> socket.protocol();
			case "extensions" -> socket.extensions();
			case "url" -> socket.url();
			case "binaryType" -> socket.binaryType();
			default -> throw new IllegalArgumentException("Unknown attribute " + attribute);
		};
	}

	private void setHandler(String type, @Nullable String label) {
		WebSocket socket = socket();
		switch (type) {
			case "open" -> socket.onopen(recorder(label));
			case "message" -> socket.onmessage(recorder(label));
			case "error" -> socket.onerror(recorder(label));
			case "close" -> socket.onclose(recorder(label));
			default -> throw new IllegalArgumentException("Unknown event type " + type);
		}
	}

	private EventListener<Event> listener(String label) {
		return this.listeners.computeIfAbsent(label, this::recorder);
	}

	private <E extends Event> @Nullable EventListener<E> recorder(@Nullable String label) {
		return (label != null) ? (event) -> record(label + ": " + event.type()) : null;
	}

	private void recordEvent(WebSocket socket, Event event) {
		StringBuilder line = new StringBuilder(event.type()).append(" rs=").append(socket.readyState());
		if (event instanceof MessageEvent message) {
			line.append(" origin=").append(message.origin()).append(' ').append(describe(message.data()));
		}
		if (event instanceof CloseEvent close) {
			line.append(" code=").append(close.code()).append(" reason=").append(escape(close.reason()));
			line.append(" clean=").append(close.wasClean());
		}
		record(line.toString());
		if (event instanceof CloseEvent) {
			CompletableFuture.delayedExecutor(SETTLE_MILLIS, TimeUnit.MILLISECONDS)
				.execute(() -> this.finished.complete(null));
		}
	}

	private void record(String line) {
		synchronized (this.transcript) {
			this.transcript.add(line);
		}
	}

	private WebSocket socket() {
		WebSocket socket = this.socket;
		if (socket == null) {
			throw new IllegalStateException("No socket: the scenario must construct one first");
		}
		return socket;
	}

	private static String outcome(Runnable action) {
		try {
			action.run();
			return "ok";
		}
		catch (RuntimeException ex) {
			return name(ex);
		}
	}

	private static String name(RuntimeException ex) {
		return (ex instanceof DOMException domException) ? domException.name() : ex.getClass().getSimpleName();
	}

	private static byte[] pattern(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	private static String label(String what, String url, List<String> protocols) {
		return what + "(" + escape(url) + ", "
				+ protocols.stream().map((protocol) -> "\"" + escape(protocol) + "\"").collect(Collectors.joining(",", "[", "]"))
				+ ")";
	}

	private static String label(Payload data) {
		if (data instanceof Text text) {
			return "text:" + escape(text.value()) + ((text.repeat() > 1) ? " x" + text.repeat() : "");
		}
		if (data instanceof ArrayBuffer buffer) {
			return "arraybuffer:" + buffer.size();
		}
		if (data instanceof View view) {
			return "view:" + view.offset() + "+" + view.length() + "/" + view.size();
		}
		return "blob:" + ((Scenario.Blob) data).size();
	}

	private static String label(Close close) {
		if (close.code() == null) {
			return "close()";
		}
		if (close.reason() == null) {
			return "close(" + close.code() + ")";
		}
		String reason = close.reason();
		return "close(" + close.code() + ", "
				+ ((reason.length() <= MAX_TEXT_SHOWN) ? "\"" + escape(reason) + "\"" : "<" + reason.length() + " chars>")
				+ ")";
	}

	private static String describe(Object data) {
		if (data instanceof String text) {
			if (text.length() <= MAX_TEXT_SHOWN) {
				return "text:" + escape(text);
			}
			int hash = FNV_OFFSET;
			for (int i = 0; i < text.length(); i++) {
				hash = (hash ^ text.charAt(i)) * FNV_PRIME;
			}
			return "text(" + text.length() + " chars, fnv=" + String.format("%08x", hash) + ")";
		}
		if (data instanceof Blob blob) {
			return "blob:" + blob.size();
		}
		ByteBuffer bytes = ((ByteBuffer) data).duplicate();
		int length = bytes.remaining();
		int hash = FNV_OFFSET;
		while (bytes.hasRemaining()) {
			hash = (hash ^ (bytes.get() & 0xFF)) * FNV_PRIME;
		}
		return "arraybuffer:" + length + " fnv=" + String.format("%08x", hash);
	}

	// printable ASCII stays, everything else (controls, non-ASCII, each surrogate) as \\uXXXX
	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c <= 0x7E) {
				escaped.append(c);
			}
			else {
				escaped.append(String.format("\\u%04x", (int) c));
			}
		}
		return escaped.toString();
	}

}
