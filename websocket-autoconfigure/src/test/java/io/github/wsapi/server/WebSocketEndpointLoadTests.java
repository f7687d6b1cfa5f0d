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


package io.github.wsapi.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.wsapi.Blob;
import io.github.wsapi.CloseEvent;
import io.github.wsapi.Event;
import io.github.wsapi.WebSocket;
import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawWebSocketClient;
import io.github.wsapi.testserver.RawWebSocketClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketEndpoint}s under load on embedded Tomcat: a client that stops
 * reading is cut off, by the send buffer limit or the send time limit, without slowing
 * the others down, and a broadcast reaches a thousand sockets.
 *
 * @author wsapi contributors
 */
@Timeout(120)
class WebSocketEndpointLoadTests {

	private static final int MESSAGE_SIZE = 4 * 1024;

	private static final DataSize SEND_BUFFER_LIMIT = DataSize.ofKilobytes(256);

	private static final Queue<Event> slowConsumerEvents = new ConcurrentLinkedQueue<>();

	private static final Queue<Event> stuckEvents = new ConcurrentLinkedQueue<>();

	private static EndpointServer server;

	@BeforeAll
	static void startServer() {
		server = EndpointServer.start(Endpoints.class);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void aClientThatStopsReadingIsCutOffWhileAHundredOthersKeepTheirThroughput() throws Exception {
		WebSocketEndpoint feed = server.bean("feed", WebSocketEndpoint.class);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long heapBefore = memory.getHeapMemoryUsage().getUsed();
		Response slow = RawWebSocketClient.connect(server.port(), "/feed?slow", 4096);
		await().until(() -> feed.sockets().size() == 1);
		WebSocket slowSocket = feed.sockets().iterator().next();
		List<Reader> readers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			readers.add(new Reader(RawWebSocketClient.connect(server.port(), "/feed")));
		}
		await().until(() -> feed.sockets().size() == 101);
		int ticks = 300;
		Duration period = Duration.ofMillis(10);
		AtomicInteger sent = new AtomicInteger();
		AtomicLong maxBuffered = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long start = System.nanoTime();
		ScheduledFuture<?> ticking = ticker.scheduleAtFixedRate(() -> {
			int sequence = sent.get();
			if (sequence == ticks) {
				done.countDown();
				return;
			}
			maxBuffered.accumulateAndGet(slowSocket.bufferedAmount(), Math::max);
			ByteBuffer message = ByteBuffer.allocate(MESSAGE_SIZE).putInt(0, sequence);
			feed.broadcast(new Blob(message.array()));
			sent.incrementAndGet();
		}, 0, period.toNanos(), TimeUnit.NANOSECONDS);
		try {
			assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			ticking.cancel(false);
			ticker.shutdown();
		}
		Duration sending = Duration.ofNanos(System.nanoTime() - start);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(slowConsumerEvents).extracting(Event::type).contains("error", "close"));
		assertThat(slowConsumerEvents).filteredOn(CloseEvent.class::isInstance)
			.singleElement()
			.extracting((event) -> ((CloseEvent) event).code())
			.isEqualTo(1006);
		// messages broadcast between the overflow and the close event are counted, not queued
		assertThat(maxBuffered.get()).as("the slow consumer's bufferedAmount")
			.isLessThanOrEqualTo(SEND_BUFFER_LIMIT.toBytes() + 10 * MESSAGE_SIZE);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(readers).allSatisfy((reader) -> reader.assertReceived(ticks)));
		long lastArrival = readers.stream().mapToLong(Reader::lastArrival).max().getAsLong();
		Duration receiving = Duration.ofNanos(lastArrival - start);
		assertThat(receiving).as("time until every fast reader had all %d messages, sending took %s", ticks, sending)
			.isLessThan(sending.plusSeconds(2));
		memory.gc();
		long heapAfter = memory.getHeapMemoryUsage().getUsed();
		System.out.printf("slow consumer: sent %d x %d B to 101 sockets in %s, fast readers done after %s, "
				+ "slow socket max bufferedAmount %d B, heap after GC %d MB -> %d MB%n", ticks, MESSAGE_SIZE,
				sending, receiving, maxBuffered.get(), heapBefore >> 20, heapAfter >> 20);
		assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L * 1024 * 1024);
		assertThat(slow.connection().awaitClientClosed(Duration.ofSeconds(10)))
			.as("the slow client's connection is closed")
			.isTrue();
		readers.forEach(Reader::close);
		await().until(() -> feed.sockets().isEmpty());
	}

	@Test
	void aClientThatStopsReadingIsCutOffAfterTheSendTimeLimit() throws Exception {
		Response stuck = RawWebSocketClient.connect(server.port(), "/stuck", 4096);
		long start = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stuckEvents).extracting(Event::type).contains("close"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(stuckEvents).extracting(Event::type).containsExactly("error", "close");
		assertThat(stuckEvents).last().extracting((event) -> ((CloseEvent) event).code()).isEqualTo(1006);
		assertThat(stuck.connection().awaitClientClosed(Duration.ofSeconds(10))).as("the client's connection is closed")
			.isTrue();
	}

	@Test
	void aBroadcastReachesAThousandSockets() throws Exception {
		WebSocketEndpoint all = server.bean("all", WebSocketEndpoint.class);
		List<Response> clients = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			clients.add(RawWebSocketClient.connect(server.port(), "/all"));
		}
		await().until(() -> all.sockets().size() == 1000);
		assertThat(all.broadcast("hello, everyone")).isEqualTo(1000);
		assertThat(all.broadcast(new byte[] { 1, 2, 3 })).isEqualTo(1000);
		for (Response client : clients) {
			assertThat(client.connection().readMessage().text()).isEqualTo("hello, everyone");
			assertThat(client.connection().readMessage().payload()).containsExactly(1, 2, 3);
			client.connection().closeTcp();
		}
		await().until(() -> all.sockets().isEmpty());
	}

	/**
	 * Reads the feed's messages on its own thread, checking their order, without keeping
	 * them.
	 */
	private static final class Reader {

		private final Response response;

		private final DataInputStream in;

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicLong lastArrival = new AtomicLong();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		Reader(Response response) throws IOException {
			this.response = response;
			this.in = new DataInputStream(new BufferedInputStream(response.connection().socket().getInputStream()));
			Thread thread = new Thread(this::read, "feed-reader");
			thread.setDaemon(true);
			thread.start();
		}

		private void read() {
			byte[] payload = new byte[MESSAGE_SIZE];
			try {
				while (true) {
					int opcode = this.in.readUnsignedByte() & 0x0F;
					int length = this.in.readUnsignedByte() & 0x7F;
					if (length == 126) {
						length = this.in.readUnsignedShort();
					}
					if (opcode != RawConnection.BINARY || length != MESSAGE_SIZE) {
						return;
					}
					this.in.readFully(payload);
					int sequence = ByteBuffer.wrap(payload).getInt();
					if (sequence != this.received.get()) {
						throw new IllegalStateException(
								"Expected message " + this.received.get() + ", got " + sequence);
					}
					this.lastArrival.set(System.nanoTime());
					this.received.incrementAndGet();
				}
			}
			catch (IOException | RuntimeException ex) {
				this.failure.compareAndSet(null, ex);
			}
		}

		void assertReceived(int count) {
			assertThat(this.failure.get()).isNull();
			assertThat(this.received.get()).isEqualTo(count);
		}

		long lastArrival() {
			return this.lastArrival.get();
		}

		void close() {
			this.response.connection().closeTcp();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		// a fixed socket send buffer, so that the kernel does not absorb megabytes for a
		// client that stops reading before the server's own limits apply
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketSendBuffers() {
			return (factory) -> factory
				.addConnectorCustomizers((connector) -> connector.setProperty("socket.txBufSize", "16384"));
		}

		@Bean
		WebSocketEndpoint feed() {
			return WebSocketEndpoint.path("/feed")
				.sendBufferLimit(SEND_BUFFER_LIMIT)
				.sendTimeLimit(Duration.ofSeconds(2))
				.onConnection((socket, handshake) -> {
					if (handshake.queryParameters().containsKey("slow")) {
						socket.addEventListener("error", slowConsumerEvents::add);
						socket.addEventListener("close", slowConsumerEvents::add);
					}
				})
				.build();
		}

		@Bean
		WebSocketEndpoint stuck() {
			return WebSocketEndpoint.path("/stuck")
				.sendTimeLimit(Duration.ofSeconds(1))
				.onConnection((socket, handshake) -> {
					socket.addEventListener("error", stuckEvents::add);
					socket.addEventListener("close", stuckEvents::add);
					socket.onopen((event) -> socket.send(new byte[1024 * 1024]));
				})
				.build();
		}

		@Bean
		WebSocketEndpoint all() {
			return WebSocketEndpoint.path("/all").onConnection((socket, handshake) -> {
			}).build();
		}

	}

}
