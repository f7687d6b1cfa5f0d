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

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1 and the WHATWG
 * WebSocket standard): builds the upgrade request and validates the response. Redirects
 * are never followed.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class Handshake {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final int MAX_RESPONSE_HEAD_LENGTH = 16 * 1024;

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d\\.\\d (\\d{3})(?: .*)?");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

	private final String key;

	private final byte[] request;

	/**
	 * Create the handshake for a connection.
	 * @param uri the {@code ws} or {@code wss} URI
	 * @param headers additional request headers, such as {@code Authorization}
	 * @param subProtocols the subprotocols to offer, or an empty list
	 * @param random the source of the {@code Sec-WebSocket-Key}
	 * @throws IllegalArgumentException if a header cannot be sent as is
	 */
	Handshake(URI uri, HttpHeaders headers, List<String> subProtocols, Random random) {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		this.key = Base64.getEncoder().encodeToString(nonce);
		this.request = buildRequest(uri, headers, subProtocols, this.key);
	}

	private static byte[] buildRequest(URI uri, HttpHeaders headers, List<String> subProtocols, String key) {
		URI asciiUri = URI.create(uri.toASCIIString());
		String path = asciiUri.getRawPath();
		String query = asciiUri.getRawQuery();
		StringBuilder request = new StringBuilder(256);
		request.append("GET ").append((path != null && !path.isEmpty()) ? path : "/");
		if (query != null) {
			request.append('?').append(query);
		}
		request.append(" HTTP/1.1\r\n");
		appendHeader(request, "Host", hostHeader(asciiUri));
		appendHeader(request, "Upgrade", "websocket");
		appendHeader(request, "Connection", "Upgrade");
		appendHeader(request, "Sec-WebSocket-Key", key);
		appendHeader(request, "Sec-WebSocket-Version", "13");
		if (!subProtocols.isEmpty()) {
			appendHeader(request, "Sec-WebSocket-Protocol", String.join(", ", subProtocols));
		}
		headers.forEach((name, values) -> values.forEach((value) -> appendHeader(request, name, value)));
		return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static void appendHeader(StringBuilder request, String name, String value) {
		if (!TOKEN.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid header name '" + name + "'");
		}
		// never echo the value: it may be a credential
		if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("Invalid value for header '" + name + "'");
		}
		request.append(name).append(": ").append(value).append("\r\n");
	}

	private static String hostHeader(URI uri) {
		int port = uri.getPort();
		return (port == -1 || port == defaultPort(uri)) ? uri.getHost() : uri.getHost() + ":" + port;
	}

	/**
	 * Return the upgrade request.
	 * @return the request head, ready to be written
	 */
	byte[] getRequest() {
		return this.request;
	}

	/**
	 * Read the response head from the stream that will carry the frames, leaving the
	 * bytes after it in the stream, and validate it.
	 * @param in the buffered input stream of the connection
	 * @return the subprotocol selected by the server, or an empty string
	 * @throws ProtocolException if the server did not accept the upgrade as required
	 * @throws IOException if reading failed
	 */
	String readResponse(InputStream in) throws IOException {
		String[] lines = readHead(in).split("\r?\n");
		Matcher statusLine = STATUS_LINE.matcher(lines[0]);
		if (!statusLine.matches()) {
			throw new ProtocolException("Invalid WebSocket handshake response: not an HTTP status line");
		}
		int status = Integer.parseInt(statusLine.group(1));
		if (status != 101) {
			throw new ProtocolException("Unexpected WebSocket handshake response status " + status);
		}
		HttpHeaders headers = new HttpHeaders();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw new ProtocolException("Invalid WebSocket handshake response: malformed header line");
			}
			headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
		}
		if (!"websocket".equalsIgnoreCase(String.join(",", headers.getOrEmpty("Upgrade")))) {
			throw new ProtocolException("Invalid WebSocket handshake response: missing 'Upgrade: websocket'");
		}
		if (headers.getOrEmpty("Connection")
			.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.noneMatch((token) -> "upgrade".equalsIgnoreCase(token.trim()))) {
			throw new ProtocolException("Invalid WebSocket handshake response: missing 'Connection: Upgrade'");
		}
		if (!expectedAccept().equals(String.join(",", headers.getOrEmpty("Sec-WebSocket-Accept")))) {
			throw new ProtocolException("Invalid WebSocket handshake response: wrong Sec-WebSocket-Accept");
		}
		if (headers.containsHeader("Sec-WebSocket-Extensions")) {
			throw new ProtocolException("Invalid WebSocket handshake response: extension not offered");
		}
		return String.join(", ", headers.getOrEmpty("Sec-WebSocket-Protocol"));
	}

	private static String readHead(InputStream in) throws IOException {
		byte[] head = new byte[MAX_RESPONSE_HEAD_LENGTH];
		int length = 0;
		while (length < head.length) {
			int b = in.read();
			if (b == -1) {
				throw new EOFException("Connection closed during the WebSocket handshake");
			}
			head[length++] = (byte) b;
			if (b == '\n' && (endsWith(head, length, "\n\n") || endsWith(head, length, "\n\r\n"))) {
				return new String(head, 0, length, StandardCharsets.ISO_8859_1).strip();
			}
		}
		throw new ProtocolException("WebSocket handshake response head larger than " + head.length + " bytes");
	}

	private static boolean endsWith(byte[] bytes, int length, String suffix) {
		if (length < suffix.length()) {
			return false;
		}
		for (int i = 0; i < suffix.length(); i++) {
			if (bytes[length - suffix.length() + i] != suffix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private String expectedAccept() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((this.key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is a required JDK algorithm", ex);
		}
	}

	/**
	 * Return the host to connect to, without the brackets of an IPv6 literal.
	 * @param uri the WebSocket URI
	 * @return the host
	 */
	static String host(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			throw new IllegalArgumentException("WebSocket URI has no host");
		}
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Return the port to connect to.
	 * @param uri the WebSocket URI
	 * @return its port, or the scheme's default port
	 */
	static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : defaultPort(uri);
	}

	private static int defaultPort(URI uri) {
		return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * Describe the URI for logs: scheme, host, port and path, never user-info or query.
	 * @param uri the WebSocket URI
	 * @return the description
	 */
	static String describe(URI uri) {
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri) + path;
	}

}
