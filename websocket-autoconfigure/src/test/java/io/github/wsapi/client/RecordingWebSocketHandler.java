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

package io.github.wsapi.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link WebSocketHandler} for tests that records every callback in order.
 *
 * @author wsapi contributors
 */
class RecordingWebSocketHandler implements WebSocketHandler {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> events = new ArrayList<>();

	private final BlockingQueue<WebSocketMessage<?>> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<CloseStatus> closeStatus = new CompletableFuture<>();

	private final AtomicInteger closedCount = new AtomicInteger();

	private volatile @Nullable Throwable transportError;

	private volatile @Nullable String closingThread;

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		record("open");
	}

	@Override
	public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
		record(describe(message));
		this.messages.add(message);
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
		this.transportError = exception;
		record("error");
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
		record("closed " + closeStatus.getCode() + " " + closeStatus.getReason());
		this.closingThread = Thread.currentThread().getName();
		this.closedCount.incrementAndGet();
		this.closeStatus.complete(closeStatus);
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	private synchronized void record(String event) {
		this.events.add(event);
	}

	synchronized List<String> getEvents() {
		return new ArrayList<>(this.events);
	}

	WebSocketMessage<?> nextMessage() throws InterruptedException {
		WebSocketMessage<?> message = this.messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(message).as("message received within " + TIMEOUT).isNotNull();
		return message;
	}

	String nextText() throws InterruptedException {
		WebSocketMessage<?> message = nextMessage();
		assertThat(message).isInstanceOf(TextMessage.class);
		assertThat(message.isLast()).isTrue();
		return ((TextMessage) message).getPayload();
	}

	byte[] nextBinary() throws InterruptedException {
		WebSocketMessage<?> message = nextMessage();
		assertThat(message).isInstanceOf(BinaryMessage.class);
		assertThat(message.isLast()).isTrue();
		return bytes(((BinaryMessage) message).getPayload());
	}

	CloseStatus awaitClose() throws Exception {
		return this.closeStatus.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	CompletableFuture<CloseStatus> getCloseStatus() {
		return this.closeStatus;
	}

	@Nullable Throwable getTransportError() {
		return this.transportError;
	}

	int getClosedCount() {
		return this.closedCount.get();
	}

	@Nullable String getClosingThread() {
		return this.closingThread;
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static String describe(WebSocketMessage<?> message) {
		if (message instanceof TextMessage text) {
			return "text " + text.getPayload();
		}
		if (message instanceof PongMessage pong) {
			return "pong " + new String(bytes(pong.getPayload()));
		}
		return "binary " + message.getPayloadLength();
	}

}
