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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * One connection to the echo server through one client library: sends messages and counts
 * the whole echoes that come back.
 *
 * @author wsapi contributors
 */
public abstract class BenchmarkClient implements AutoCloseable {

	/** How long connecting, closing or waiting for an echo may take. */
	protected static final long TIMEOUT_SECONDS = 10;

	private final String name;

	private final Semaphore echoes = new Semaphore(0);

	private volatile int expectedLength;

	private volatile @Nullable String mismatch;

	/**
	 * Create a client.
	 * @param name the name shown in the results
	 */
	protected BenchmarkClient(String name) {
		this.name = name;
	}

	/**
	 * Return the name shown in the results.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Send one message; depending on the client this returns before or after it has been
	 * written, but never waits for the echo.
	 * @param payload the message
	 * @throws Exception if the client fails to send
	 */
	public final void send(Payload payload) throws Exception {
		this.expectedLength = payload.size();
		if (payload.text()) {
			sendText(payload.string());
		}
		else {
			sendBinary(payload.binaryPayload());
		}
	}

	/**
	 * Wait for echoes of messages sent before.
	 * @param count how many
	 * @throws InterruptedException if interrupted
	 * @throws TimeoutException if they did not all arrive in time
	 * @throws IllegalStateException if an echo was not as long as the message sent
	 */
	public void awaitEchoes(int count) throws InterruptedException, TimeoutException {
		if (!this.echoes.tryAcquire(count, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			throw new TimeoutException("Fewer than " + count + " echoes arrived within " + TIMEOUT_SECONDS + " s");
		}
		String mismatch = this.mismatch;
		if (mismatch != null) {
			throw new IllegalStateException(mismatch);
		}
	}

	/**
	 * Send a text message.
	 * @param text the text
	 * @throws Exception if the client fails to send
	 */
	protected abstract void sendText(String text) throws Exception;

	/**
	 * Send a binary message.
	 * @param bytes the bytes, which the client may consume
	 * @throws Exception if the client fails to send
	 */
	protected abstract void sendBinary(ByteBuffer bytes) throws Exception;

	/**
	 * Count a whole message received.
	 * @param length its length in characters (text) or bytes (binary)
	 */
	protected final void received(int length) {
		int expected = this.expectedLength;
		if (length != expected && this.mismatch == null) {
			this.mismatch = "Expected echoes of " + expected + " but received one of " + length;
		}
		this.echoes.release();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
