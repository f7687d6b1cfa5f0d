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

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.wsapi.testserver.RawConnection;
import io.github.wsapi.testserver.RawConnection.HandshakeRequest;
import io.github.wsapi.testserver.RawWebSocketServer;
import io.github.wsapi.testserver.RawWebSocketServer.Script;

/**
 * Scripts for the raw servers of the scenarios: each behaves in one defined way, the same
 * for Chromium and for the Java client, so that their transcripts can be compared.
 *
 * @author wsapi contributors
 */
final class Peers {

	private static final Duration TIMEOUT = JavaInterpreter.TIMEOUT;

	private Peers() {
	}

	/**
	 * Accept, echo every message, then echo the client's Close and close TCP.
	 */
	static Script echo() {
		return RawWebSocketServer.echo();
	}

	/**
	 * Accept with the extra header lines, then {@link #echo()}.
	 */
	static Script acceptWith(String... headerLines) {
		return RawWebSocketServer.afterHandshake(RawConnection::echoUntilClose, headerLines);
	}

	/**
	 * Read the request and never answer.
	 */
	static Script silent() {
		return RawWebSocketServer.neverAnswer(TIMEOUT);
	}

	/**
	 * Answer the request with these lines, where {@code {accept}} stands for the right
	 * {@code Sec-WebSocket-Accept} value, then {@link #echo()} in case the client accepts.
	 */
	static Script answer(String... responseLines) {
		return (connection) -> {
			HandshakeRequest request = connection.readHandshake();
			String accept = RawConnection.acceptKey(request.header("Sec-WebSocket-Key"));
			connection.writeAscii(String.join("\r\n", responseLines).replace("{accept}", accept) + "\r\n\r\n");
			connection.echoUntilClose();
		};
	}

	/**
	 * Answer the request with bytes that are not HTTP, then close TCP.
	 */
	static Script answerNotHttp() {
		return (connection) -> {
			connection.readHandshake();
			connection.writeAscii("FOO BAR BAZ\r\n\r\n");
			connection.closeTcp();
		};
	}

	/**
	 * Read the request and close TCP without an answer.
	 */
	static Script closeTcpBeforeAnswer() {
		return (connection) -> {
			connection.readHandshake();
			connection.closeTcp();
		};
	}

	/**
	 * Redirect {@code /redirect} to {@code /echo} with a 301, and serve {@code /echo} as
	 * {@link #echo()}: a client that followed redirects would open.
	 */
	static Script redirectToEcho() {
		return (connection) -> {
			HandshakeRequest request = connection.readHandshake();
			if (request.target().equals("/redirect")) {
				connection.writeAscii("HTTP/1.1 301 Moved Permanently\r\nLocation: ws://" + request.header("Host")
						+ "/echo\r\nContent-Length: 0\r\n\r\n");
				connection.awaitClientClosed(TIMEOUT);
			}
			else {
				connection.acceptHandshake(request);
				connection.echoUntilClose();
			}
		};
	}

	/**
	 * Answer as opening-handshake/005 does: a 101 with a free-text reason phrase and
	 * {@code Upgrade: WebSocket}, and a Close 1001 "PASS" in the same write; then read the
	 * client's Close and close TCP.
	 */
	static Script acceptAndCloseInOneWrite() {
		return (connection) -> {
			HandshakeRequest request = connection.readHandshake();
			String response = "HTTP/1.1 101 Switching Protocols:\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + RawConnection.acceptKey(request.header("Sec-WebSocket-Key")) + "\r\n\r\n";
			connection.write(response.getBytes(StandardCharsets.US_ASCII), RawConnection.closeFrame(1001, "PASS"));
			connection.readUntilClose();
			connection.closeTcp();
		};
	}

	/**
	 * Accept, write the frames in one write, then {@link #echo()}: echo messages and the
	 * client's Close.
	 */
	static Script send(byte[]... frames) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(frames);
			connection.echoUntilClose();
		});
	}

	/**
	 * Accept, write the frames in one write (the last one a Close), then read the client's
	 * Close and close TCP.
	 */
	static Script sendAndClose(byte[]... frames) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(frames);
			connection.readUntilClose();
			connection.closeTcp();
		});
	}

	/**
	 * Accept, write the frames in one write, and close TCP at once.
	 */
	static Script sendThenCloseTcp(byte[]... frames) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.write(frames);
			connection.closeTcp();
		});
	}

	/**
	 * Accept, read until the client's Close, then close TCP without answering it.
	 */
	static Script closeTcpOnClose() {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.readUntilClose();
			connection.closeTcp();
		});
	}

	/**
	 * Accept, read until the client's Close, answer it with this frame and close TCP.
	 */
	static Script answerClose(byte[] closeFrame) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			connection.readUntilClose();
			connection.write(closeFrame);
			connection.closeTcp();
		});
	}

	/**
	 * Accept, read until the client's Close, wait, then echo the Close and close TCP.
	 */
	static Script answerCloseAfter(Duration delay) {
		return RawWebSocketServer.afterHandshake((connection) -> {
			RawConnection.Message close = connection.readUntilClose();
			Thread.sleep(delay.toMillis());
			connection.write(RawConnection.frame(RawConnection.CLOSE, close.payload(), true));
			connection.closeTcp();
		});
	}

}
