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

package io.github.wsapi.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;

/**
 * The project's client, {@link WebSocket}, over the transport its options name. Sends
 * return at once (the socket queues them) and echoes arrive as {@code message} events,
 * binary ones as {@code "arraybuffer"}.
 *
 * @author wsapi contributors
 */
final class WsapiClient extends BenchmarkClient {

	private final WebSocket socket;

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	/**
	 * Connect.
	 * @param name the name shown in the results
	 * @param url the echo server's URL
	 * @param options the options, which choose the transport
	 * @throws Exception if the connection cannot be opened in time
	 */
	WsapiClient(String name, String url, WebSocketOptions options) throws Exception {
		super(name);
		CompletableFuture<Void> opened = new CompletableFuture<>();
		this.socket = new WebSocket(url, List.of(), options);
		this.socket.binaryType("arraybuffer");
		this.socket.addEventListener(EventType.OPEN, (event) -> opened.complete(null));
		this.socket.addEventListener(EventType.MESSAGE, (event) -> received(length(event.data())));
		this.socket.addEventListener(EventType.CLOSE, (event) -> {
			opened.completeExceptionally(new IllegalStateException("Closed while connecting: " + event));
			this.closed.complete(null);
		});
		opened.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	private static int length(Object data) {
		return (data instanceof String text) ? text.length() : ((ByteBuffer) data).remaining();
	}

	@Override
	protected void sendText(String text) {
		this.socket.send(text);
	}

	@Override
	protected void sendBinary(ByteBuffer bytes) {
		this.socket.send(bytes);
	}

	@Override
	public void close() throws Exception {
		this.socket.close(1000);
		this.closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

}
