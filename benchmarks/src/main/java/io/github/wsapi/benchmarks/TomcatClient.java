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
import java.util.concurrent.TimeUnit;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The raw Tomcat client: Spring's {@link StandardWebSocketClient} on Tomcat's
 * {@code WsWebSocketContainer}, sending with blocking writes. Its handler accepts partial
 * messages, since Tomcat's default 8 KiB buffers refuse larger whole messages.
 *
 * @author wsapi contributors
 */
final class TomcatClient extends BenchmarkClient {

	private final WebSocketSession session;

	/**
	 * Connect.
	 * @param url the echo server's URL
	 * @throws Exception if the connection cannot be opened in time
	 */
	TomcatClient(String url) throws Exception {
		super("Spring StandardWebSocketClient (Tomcat)");
		this.session = new StandardWebSocketClient().execute(new Handler(), url)
			.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
	}

	@Override
	protected void sendText(String text) throws Exception {
		this.session.sendMessage(new TextMessage(text));
	}

	@Override
	protected void sendBinary(ByteBuffer bytes) throws Exception {
		this.session.sendMessage(new BinaryMessage(bytes));
	}

	@Override
	public void close() throws Exception {
		this.session.close(CloseStatus.NORMAL);
	}

	private final class Handler extends AbstractWebSocketHandler {

		private final Reassembly reassembly = new Reassembly();

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) {
			String whole = this.reassembly.text(message.getPayload(), message.isLast());
			if (whole != null) {
				received(whole.length());
			}
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
			byte[] whole = this.reassembly.binary(message.getPayload(), message.isLast());
			if (whole != null) {
				received(whole.length);
			}
		}

		@Override
		public boolean supportsPartialMessages() {
			return true;
		}

	}

}
