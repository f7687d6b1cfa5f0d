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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The JDK's client, {@code java.net.http.WebSocket}: one send in flight at a time, as it
 * requires, and parts joined in its {@link WebSocket.Listener Listener}.
 *
 * @author wsapi contributors
 */
final class JdkClient extends BenchmarkClient implements WebSocket.Listener {

	/** The name shown in the results, which the other clients are compared to. */
	static final String NAME = "JDK java.net.http.WebSocket";

	private final Reassembly reassembly = new Reassembly();

	private final WebSocket socket;

	/**
	 * Connect.
	 * @param url the echo server's URL
	 * @throws Exception if the connection cannot be opened in time
	 */
	JdkClient(String url) throws Exception {
		super(NAME);
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(url), this)
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	protected void sendText(String text) {
		this.socket.sendText(text, true).join();
	}

	@Override
	protected void sendBinary(ByteBuffer bytes) {
		this.socket.sendBinary(bytes, true).join();
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		String whole = this.reassembly.text(data, last);
		if (whole != null) {
			received(whole.length());
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] whole = this.reassembly.binary(data, last);
		if (whole != null) {
			received(whole.length);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public void close() throws Exception {
		this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

}
