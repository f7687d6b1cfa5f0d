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

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The opening handshake of an accepted connection: the request URI, headers and query
 * parameters, the authenticated user and the client's address.
 * <p>
 * The query string and headers often carry credentials: read them, but do not log them.
 * {@link #toString()} leaves them out.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
public final class HandshakeInfo {

	private final URI uri;

	private final HttpHeaders headers;

	private final MultiValueMap<String, String> queryParameters;

	private final @Nullable Principal principal;

	private final @Nullable InetSocketAddress remoteAddress;

	private final Map<String, Object> attributes;

	HandshakeInfo(WebSocketSession session) {
		this.uri = requireUri(session);
		this.headers = HttpHeaders.readOnlyHttpHeaders(session.getHandshakeHeaders());
		this.queryParameters = decodedQueryParameters(this.uri);
		this.principal = session.getPrincipal();
		this.remoteAddress = session.getRemoteAddress();
		this.attributes = session.getAttributes();
	}

	static URI requireUri(WebSocketSession session) {
		URI uri = session.getUri();
		if (uri == null) {
			throw new IllegalStateException("The session has no request URI");
		}
		return uri;
	}

	private static MultiValueMap<String, String> decodedQueryParameters(URI uri) {
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		MultiValueMap<String, String> decoded = new LinkedMultiValueMap<>(raw.size());
		raw.forEach((name, values) -> {
			for (String value : values) {
				decoded.add(decode(name), (value != null) ? decode(value) : "");
			}
		});
		return CollectionUtils.unmodifiableMultiValueMap(decoded);
	}

	// a java.net.URI has no malformed escapes
	private static String decode(String component) {
		return UriUtils.decode(component.replace('+', ' '), StandardCharsets.UTF_8);
	}

	/**
	 * Return the request URI, such as {@code ws://example.com/chat?room=1}.
	 * @return the URI
	 */
	public URI uri() {
		return this.uri;
	}

	/**
	 * Return the request headers.
	 * @return read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the query parameters in request order, decoded as form parameters are
	 * ({@code %XX} as UTF-8, {@code +} as a space). A parameter without {@code =} has the
	 * value {@code ""}.
	 * @return read-only parameters
	 */
	public MultiValueMap<String, String> queryParameters() {
		return this.queryParameters;
	}

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} if the parameter is absent
	 */
	public @Nullable String queryParameter(String name) {
		List<String> values = this.queryParameters.get(name);
		return CollectionUtils.isEmpty(values) ? null : values.get(0);
	}

	/**
	 * Return the authenticated user of the handshake request, such as the one Spring
	 * Security established.
	 * @return the user, or {@code null} if the request was not authenticated
	 */
	public @Nullable Principal principal() {
		return this.principal;
	}

	/**
	 * Return the address of the client, as the container reports it (behind a proxy,
	 * only with {@code server.forward-headers-strategy} set).
	 * @return the address, or {@code null} if unknown
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Return the attributes that handshake interceptors stored, such as the HTTP session
	 * attributes that Spring's {@code HttpSessionHandshakeInterceptor} copies.
	 * @return read-only attributes
	 */
	public Map<String, Object> attributes() {
		return Collections.unmodifiableMap(this.attributes);
	}

	@Override
	public String toString() {
		return "HandshakeInfo[uri=" + this.uri.getScheme() + "://" + this.uri.getRawAuthority()
				+ this.uri.getRawPath() + "]";
	}

}
