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

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.context.Lifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.context.ServletContextAware;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake handler of one endpoint, run after the handshake interceptors (Spring's
 * origin check among them). It refuses a handshake with HTTP 503 when the endpoint is at
 * its socket limit or shutting down, selects the subprotocol, and hides the client's
 * {@code permessage-deflate} offer from the container unless it is enabled: Tomcat
 * negotiates the extensions it finds in the request, whatever Spring selected.
 *
 * @author wsapi contributors
 */
final class EndpointHandshakeHandler implements HandshakeHandler, Lifecycle, ServletContextAware {

	private static final String PERMESSAGE_DEFLATE = "permessage-deflate";

	private final EndpointHandler endpoint;

	private final Negotiator negotiator = new Negotiator();

	EndpointHandshakeHandler(EndpointHandler endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public boolean doHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws HandshakeFailureException {
		if (!this.endpoint.tryReserve()) {
			this.endpoint.handshakeRefused(WebSocketEndpointObserver.Refusal.CAPACITY);
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return false;
		}
		boolean upgraded = false;
		try {
			upgraded = this.negotiator.doHandshake(withoutPermessageDeflateOffer(request), response, wsHandler,
					attributes);
			return upgraded;
		}
		finally {
			if (!upgraded) {
				this.endpoint.release();
			}
		}
	}

	private ServerHttpRequest withoutPermessageDeflateOffer(ServerHttpRequest request) {
		if (this.endpoint.settings().permessageDeflate()
				|| !(request instanceof ServletServerHttpRequest servletRequest)
				|| !request.getHeaders().containsHeader(WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS)) {
			return request;
		}
		return new ServletServerHttpRequest(new WithoutPermessageDeflate(servletRequest.getServletRequest()));
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		this.negotiator.setServletContext(servletContext);
	}

	@Override
	public void start() {
		this.negotiator.start();
	}

	@Override
	public void stop() {
		this.negotiator.stop();
	}

	@Override
	public boolean isRunning() {
		return this.negotiator.isRunning();
	}

	/**
	 * Spring's handshake, with the endpoint's exact, case-sensitive subprotocol names.
	 */
	private final class Negotiator extends DefaultHandshakeHandler {

		@Override
		protected @Nullable String selectProtocol(List<String> requestedProtocols, WebSocketHandler webSocketHandler) {
			List<String> supported = EndpointHandshakeHandler.this.endpoint.protocols();
			for (String protocol : requestedProtocols) {
				if (supported.contains(protocol)) {
					return protocol;
				}
			}
			return null;
		}

	}

	/**
	 * The handshake request without {@code permessage-deflate} offers.
	 */
	private static final class WithoutPermessageDeflate extends HttpServletRequestWrapper {

		private final List<String> extensions;

		WithoutPermessageDeflate(HttpServletRequest request) {
			super(request);
			List<String> extensions = new ArrayList<>();
			for (String value : Collections.list(request.getHeaders(WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS))) {
				for (WebSocketExtension extension : WebSocketExtension.parseExtensions(value)) {
					if (!PERMESSAGE_DEFLATE.equalsIgnoreCase(extension.getName())) {
						extensions.add(extension.toString());
					}
				}
			}
			this.extensions = List.copyOf(extensions);
		}

		private static boolean isExtensions(String name) {
			return WebSocketHttpHeaders.SEC_WEBSOCKET_EXTENSIONS.equalsIgnoreCase(name);
		}

		@Override
		public @Nullable String getHeader(String name) {
			if (isExtensions(name)) {
				return this.extensions.isEmpty() ? null : String.join(", ", this.extensions);
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isExtensions(name) ? Collections.enumeration(this.extensions) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			if (this.extensions.isEmpty()) {
				names.removeIf(WithoutPermessageDeflate::isExtensions);
			}
			return Collections.enumeration(names);
		}

	}

}
