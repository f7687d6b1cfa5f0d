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

package io.github.wsapi.autoconfigure;

import io.github.wsapi.DOMException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains the two {@link DOMException}s that stop an application using WebSocket clients
 * at startup: {@code InvalidStateError} from sending before a client is open, which
 * auto-configured clients only are once the application context has started, and
 * {@code SyntaxError} from an application's own {@code WebSocket} bean with an invalid
 * URL or subprotocol.
 *
 * @author wsapi contributors
 */
class WebSocketClientFailureAnalyzer extends AbstractFailureAnalyzer<DOMException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, DOMException cause) {
		String bean = describeBean(rootFailure);
		return switch (cause.name()) {
			case "InvalidStateError" -> new FailureAnalysis(String
				.format("A WebSocket was used before it was open%s: %s.%n%nAuto-configured WebSocket clients connect "
						+ "when the application context starts, after every bean has been created. Until "
						+ "their 'open' event, send() throws InvalidStateError, as in browsers.", bean, cause),
					"Send from an 'open' listener, added by a WebSocketClientCustomizer bean so that it misses no "
							+ "connection, or once the client's readyState is OPEN.",
					cause);
			case "SyntaxError" ->
				new FailureAnalysis(String.format("A WebSocket could not be created%s: %s.", bean, cause),
						"Pass the WebSocket a 'ws:', 'wss:', 'http:' or 'https:' URL without a fragment, and distinct "
								+ "subprotocols that are HTTP tokens, or configure the client with the "
								+ "'websocket.client.*' properties, which are checked when they are bound.",
						cause);
			default -> null;
		};
	}

	private static String describeBean(Throwable rootFailure) {
		String beanName = null;
		for (Throwable candidate = rootFailure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BeanCreationException creation && creation.getBeanName() != null) {
				beanName = creation.getBeanName();
			}
		}
		return (beanName != null) ? " in bean '" + beanName + "'" : "";
	}

}
