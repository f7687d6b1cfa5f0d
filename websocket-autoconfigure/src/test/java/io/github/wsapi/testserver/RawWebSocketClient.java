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

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client that writes the opening handshake and frames byte by byte, so that a test can
 * play a client that breaks the rules on purpose, or one that stops reading. After the
 * handshake, {@link Response#connection()} writes and reads frames; client frames must be
 * masked: {@code RawConnection.frame(opcode, payload, fin, 0, true)}.
 *
 * @author wsapi contributors
 */
public final class RawWebSocketClient {

	private RawWebSocketClient() {
	}

	/**
	 * Open a connection to {@code 127.0.0.1} and send a valid opening handshake plus the
	 * given header lines, such as {@code "Origin: http://example.com"}.
	 */
	public static Response connect(int port, String target, String... headerLines) throws IOException {
		return connect(port, target, 0, headerLines);
	}

	/**
	 * Like {@link #connect(int, String, String...)}, with a receive buffer of the given
	 * size (0 for the system's default), set before connecting so that it limits the TCP
	 * window: a client that stops reading then blocks the server quickly.
	 */
	public static Response connect(int port, String target, int receiveBufferSize, String... headerLines)
			throws IOException {
		Socket socket = new Socket();
		if (receiveBufferSize > 0) {
			socket.setReceiveBufferSize(receiveBufferSize);
		}
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(port).append("\r\n");
		request.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
		request.append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(key)).append("\r\n");
		request.append("Sec-WebSocket-Version: 13\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		String statusLine = readLine(in);
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			headers.computeIfAbsent(line.substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		return new Response(status, headers, new RawConnection(socket));
	}

	// unbuffered, so that no frame byte is consumed before RawConnection takes over
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new EOFException("The server closed the connection during the handshake");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * The server's handshake response and the connection, whose frames come next.
	 */
	public record Response(int status, Map<String, List<String>> headers, RawConnection connection) {

		/**
		 * Return the values of a header joined with {@code ", "}, or {@code null}.
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null) ? String.join(", ", values) : null;
		}

		/**
		 * Send a masked frame.
		 */
		public void send(int opcode, byte[] payload, boolean fin) throws IOException {
			this.connection.write(RawConnection.frame(opcode, payload, fin, 0, true));
		}

	}

}
