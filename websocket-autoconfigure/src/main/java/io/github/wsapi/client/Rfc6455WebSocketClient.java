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

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A {@link org.springframework.web.socket.client.WebSocketClient} that speaks RFC 6455
 * itself over plain sockets, following the browser's handshake and closing rules. It is
 * the default engine behind this project's browser-style {@code WebSocket}.
 * <p>
 * Tomcat's JSR-356 client, used by Spring's {@code StandardWebSocketClient}, cannot
 * follow the browser's closing handshake: it reports the local close reason right after
 * sending Close instead of waiting for the peer's Close, drops the peer's close code,
 * cannot send a Close frame without a body, keeps raw frame sending package-private and
 * follows redirects. It is also slow on large messages.
 * <p>
 * This client never follows redirects, offers no extensions, delivers every message whole
 * (reassembling fragments) and fails the connection on any protocol violation with a
 * Close frame, {@link WebSocketHandler#handleTransportError} and a 1006
 * {@link WebSocketHandler#afterConnectionClosed}. {@code session.close(status)} does not
 * wait for the peer; the handler learns the peer's close code and reason through
 * {@code afterConnectionClosed}. Code 1005 sends a Close frame without a body and code
 * 1006 aborts the connection.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class Rfc6455WebSocketClient implements WebSocketClient {

	// set by the handshake itself
	private static final Set<String> RESERVED_HEADERS = Set.of("cache-control", "connection", "host",
			"sec-websocket-extensions", "sec-websocket-key", "sec-websocket-protocol", "sec-websocket-version",
			"pragma", "upgrade");

	private static final Log logger = LogFactory.getLog(Rfc6455WebSocketClient.class);

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

	private @Nullable Executor taskExecutor;

	private @Nullable SSLContext sslContext;

	private Duration connectTimeout = Duration.ofSeconds(30);

	private int maxMessageSize = 64 * 1024 * 1024;

	private Duration closeTimeout = Duration.ofSeconds(60);

	/**
	 * Create a client with the defaults described on each setter.
	 */
	public Rfc6455WebSocketClient() {
	}

	/**
	 * Set the executor that connects and then runs the reader loop of each connection,
	 * one task per connection for its whole life. Defaults to a shared cached pool of
	 * daemon threads named {@code websocket-io-N}.
	 * @param executor the executor
	 */
	public void setTaskExecutor(Executor executor) {
		Assert.notNull(executor, "'executor' must not be null");
		this.taskExecutor = executor;
	}

	/**
	 * Set the TLS context for {@code wss} URIs. Defaults to
	 * {@link SSLContext#getDefault()}. Host names are always verified and sent as SNI.
	 * @param sslContext the TLS context
	 */
	public void setSslContext(SSLContext sslContext) {
		Assert.notNull(sslContext, "'sslContext' must not be null");
		this.sslContext = sslContext;
	}

	/**
	 * Set how long TCP connect, TLS and opening handshake may take together. Defaults to
	 * 30 seconds.
	 * @param timeout the timeout
	 */
	public void setConnectTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.connectTimeout = timeout;
	}

	/**
	 * Set the maximum size of a reassembled message; a larger message fails the
	 * connection with close code 1009. Defaults to 64 MiB.
	 * @param bytes the maximum size in bytes
	 */
	public void setMaxMessageSize(int bytes) {
		Assert.isTrue(bytes > 0, "'bytes' must be positive");
		this.maxMessageSize = bytes;
	}

	/**
	 * Set how long to wait for the peer's Close frame after sending ours before aborting
	 * the connection (reported as 1006). Defaults to 60 seconds, like browsers.
	 * @param timeout the timeout
	 */
	public void setCloseTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.closeTimeout = timeout;
	}

	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler webSocketHandler, String uriTemplate,
			@Nullable Object... uriVariables) {
		URI uri = UriComponentsBuilder.fromUriString(uriTemplate).buildAndExpand(uriVariables).encode().toUri();
		return execute(webSocketHandler, null, uri);
	}

	/**
	 * Connect asynchronously. Requested extensions are ignored: none are offered. The
	 * returned future is completed exceptionally for any failure, and cancelling it (or
	 * completing it exceptionally) aborts the attempt. Unlike Spring's
	 * {@code AbstractWebSocketClient}, nothing here logs the URI, whose query may hold a
	 * token.
	 */
	@Override
	public CompletableFuture<WebSocketSession> execute(WebSocketHandler webSocketHandler,
			@Nullable WebSocketHttpHeaders headers, URI uri) {
		Assert.notNull(webSocketHandler, "WebSocketHandler must not be null");
		String scheme = uri.getScheme();
		Assert.isTrue("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme),
				() -> "Invalid scheme: " + scheme);
		HttpHeaders requestHeaders = new HttpHeaders();
		if (headers != null) {
			headers.forEach((name, values) -> {
				if (!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					requestHeaders.put(name, values);
				}
			});
		}
		List<String> subProtocols = (headers != null) ? headers.getSecWebSocketProtocol() : List.of();
		Map<String, Object> attributes = Map.of();
		CompletableFuture<WebSocketSession> future = new CompletableFuture<>();
		Duration connectTimeout = this.connectTimeout;
		ScheduledFuture<?> timeout = Shared.SCHEDULER.schedule(() -> future.completeExceptionally(
				new SocketTimeoutException("WebSocket opening handshake timed out after " + connectTimeout)),
				connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
		future.whenComplete((session, ex) -> timeout.cancel(false));
		Executor executor = (this.taskExecutor != null) ? this.taskExecutor : Shared.IO;
		try {
			executor.execute(() -> connect(webSocketHandler, requestHeaders, uri, subProtocols, attributes, future));
		}
		catch (RuntimeException ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	private void connect(WebSocketHandler handler, HttpHeaders headers, URI uri, List<String> subProtocols,
			Map<String, Object> attributes, CompletableFuture<WebSocketSession> future) {
		Socket tcpSocket = new Socket();
		future.whenComplete((session, ex) -> {
			if (ex != null) {
				closeQuietly(tcpSocket);
			}
		});
		Rfc6455WebSocketSession session;
		try {
			SecureRandom random = new SecureRandom();
			Handshake handshake = new Handshake(uri, headers, subProtocols, random);
			String host = Handshake.host(uri);
			int port = Handshake.port(uri);
			tcpSocket.connect(new InetSocketAddress(host, port),
					(int) Math.min(this.connectTimeout.toMillis(), Integer.MAX_VALUE));
			tcpSocket.setTcpNoDelay(true);
			Socket socket = "wss".equalsIgnoreCase(uri.getScheme()) ? startTls(tcpSocket, host, port) : tcpSocket;
			InputStream in = new BufferedInputStream(socket.getInputStream(), BUFFER_SIZE);
			OutputStream out = socket.getOutputStream();
			out.write(handshake.getRequest());
			out.flush();
			String acceptedProtocol = handshake.readResponse(in);
			session = new Rfc6455WebSocketSession(uri, headers, attributes, acceptedProtocol, tcpSocket, in,
					new FrameWriter(out, random), handler, Shared.SCHEDULER, this.closeTimeout, this.maxMessageSize);
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(tcpSocket);
			if (future.completeExceptionally(ex) && logger.isDebugEnabled()) {
				logger.debug("WebSocket connection to " + Handshake.describe(uri) + " failed: " + ex);
			}
			return;
		}
		if (!future.complete(session)) {
			closeQuietly(tcpSocket);
			return;
		}
		session.run();
	}

	private SSLSocket startTls(Socket tcpSocket, String host, int port) throws IOException {
		SSLSocket socket = (SSLSocket) getSslContext().getSocketFactory().createSocket(tcpSocket, host, port, true);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!IP_LITERAL.matcher(host).matches()) {
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private SSLContext getSslContext() throws IOException {
		if (this.sslContext != null) {
			return this.sslContext;
		}
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IOException("No default SSLContext", ex);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	/**
	 * Daemon threads shared by all clients, started on first use.
	 */
	private static final class Shared {

		static final ExecutorService IO = Executors.newCachedThreadPool(daemonThreadFactory("websocket-io-"));

		static final ScheduledThreadPoolExecutor SCHEDULER = createScheduler();

		private static ScheduledThreadPoolExecutor createScheduler() {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
					daemonThreadFactory("websocket-timer-"));
			scheduler.setRemoveOnCancelPolicy(true);
			scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
			scheduler.allowCoreThreadTimeOut(true);
			return scheduler;
		}

		private static CustomizableThreadFactory daemonThreadFactory(String prefix) {
			CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(prefix);
			threadFactory.setDaemon(true);
			return threadFactory;
		}

	}

}
