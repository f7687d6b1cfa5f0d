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

package io.github.wsapi.testserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket WebSocket server for integration tests that need a peer that a
 * well-behaved server cannot produce: broken handshakes, protocol violations, abrupt TCP
 * closes and precisely timed frames. Each accepted connection runs the {@link Script} on
 * its own daemon thread. The socket stays open after the script returns, so a test can
 * keep driving it through {@link #awaitConnection(Duration)}, until the client or
 * {@link #close()} closes it.
 *
 * @author wsapi contributors
 */
public final class RawWebSocketServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final Script script;

	private final List<RawConnection> connections = new ArrayList<>();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private int awaited;

	private volatile boolean closed;

	private RawWebSocketServer(ServerSocket serverSocket, Script script) {
		this.serverSocket = serverSocket;
		this.script = script;
	}

	/**
	 * Start a server on a random port of 127.0.0.1 that runs the script for every
	 * accepted connection.
	 */
	public static RawWebSocketServer start(Script script) {
		try {
			ServerSocket serverSocket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
			RawWebSocketServer server = new RawWebSocketServer(serverSocket, script);
			startDaemon(server::acceptConnections, "raw-ws-accept-" + server.port());
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A script that accepts the handshake, then {@link RawConnection#echoUntilClose()}.
	 */
	public static Script echo() {
		return afterHandshake(RawConnection::echoUntilClose);
	}

	/**
	 * A script that accepts the handshake with the extra header lines, e.g.
	 * {@code "Sec-WebSocket-Protocol: chat"}, then runs {@code then}.
	 */
	public static Script afterHandshake(Script then, String... extraHeaderLines) {
		return (connection) -> {
			connection.acceptHandshake(connection.readHandshake(), extraHeaderLines);
			then.run(connection);
		};
	}

	/**
	 * A script that reads the handshake request and answers it with raw text, e.g.
	 * {@code "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"}. The socket stays
	 * open, hence the {@code Content-Length: 0}.
	 */
	public static Script respond(String rawResponse) {
		return (connection) -> {
			connection.readHandshake();
			connection.writeAscii(rawResponse);
		};
	}

	/**
	 * A script that reads the handshake request and never answers it, while it waits up
	 * to the timeout for the client to close the connection.
	 */
	public static Script neverAnswer(Duration timeout) {
		return (connection) -> {
			connection.readHandshake();
			connection.awaitClientClosed(timeout);
		};
	}

	/**
	 * Return a port of 127.0.0.1 that no server listens on, so that connecting to it is
	 * refused.
	 */
	public static int refusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	public String url(String path) {
		return "ws://127.0.0.1:" + port() + path;
	}

	/**
	 * Return the connections accepted so far, in order.
	 */
	public synchronized List<RawConnection> connections() {
		return List.copyOf(this.connections);
	}

	/**
	 * Wait for the next connection not yet returned by this method: the first call
	 * returns the first accepted connection, the second call the second one, and so on.
	 * @throws AssertionError if no such connection is accepted in time
	 */
	public synchronized RawConnection awaitConnection(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (this.connections.size() <= this.awaited) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0) {
					throw new AssertionError("No connection #" + (this.awaited + 1) + " accepted within " + timeout);
				}
				wait(remaining);
			}
			return this.connections.get(this.awaited++);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return what the scripts threw, in order. A script that throws has its connection
	 * closed. Failures caused by {@link #close()} are not recorded.
	 */
	public List<Throwable> failures() {
		return List.copyOf(this.failures);
	}

	/**
	 * Stop accepting connections and close every accepted socket.
	 */
	@Override
	public void close() {
		List<RawConnection> accepted;
		synchronized (this) {
			this.closed = true;
			accepted = List.copyOf(this.connections);
		}
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// Nothing left to release
		}
		accepted.forEach(RawConnection::closeTcp);
	}

	private void acceptConnections() {
		while (!this.closed) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				if (!this.closed) {
					this.failures.add(ex);
				}
				return;
			}
			try {
				socket.setTcpNoDelay(true);
				RawConnection connection = new RawConnection(socket);
				int number = register(connection);
				startDaemon(() -> run(connection), "raw-ws-" + port() + "-" + number);
			}
			catch (IOException ex) {
				// A client that resets right away must not stop the server
				this.failures.add(ex);
			}
		}
	}

	private synchronized int register(RawConnection connection) {
		// A connection accepted while close() runs must not outlive the server
		if (this.closed) {
			connection.closeTcp();
		}
		this.connections.add(connection);
		notifyAll();
		return this.connections.size();
	}

	private void run(RawConnection connection) {
		try {
			this.script.run(connection);
		}
		catch (Throwable ex) {
			if (!this.closed) {
				this.failures.add(ex);
			}
			// The peer is in no defined state: let the client fail fast instead of hang
			connection.closeTcp();
		}
	}

	private static void startDaemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * What the server does with one accepted connection.
	 */
	@FunctionalInterface
	public interface Script {

		void run(RawConnection connection) throws Exception;

	}

}
