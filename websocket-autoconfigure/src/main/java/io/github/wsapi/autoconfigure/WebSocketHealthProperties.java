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

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for the {@code websocket} health indicator, which reports the
 * WebSocket clients. The properties validate themselves when they are bound.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
@ConfigurationProperties("websocket.health")
public class WebSocketHealthProperties implements Validator {

	/**
	 * Comma-separated list of the names of the clients that the application needs, such
	 * as 'webSocket' for the unnamed client. The health is DOWN when one of them has not
	 * been open for longer than the grace period. Other clients only show in the details.
	 */
	private Set<String> requiredClients = new LinkedHashSet<>();

	/**
	 * How long a required client may be without an open connection, such as while it
	 * reconnects, before the health is DOWN.
	 */
	private Duration gracePeriod = Duration.ofSeconds(30);

	public Set<String> getRequiredClients() {
		return this.requiredClients;
	}

	public void setRequiredClients(Set<String> requiredClients) {
		this.requiredClients = requiredClients;
	}

	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	@Override
	public boolean supports(Class<?> type) {
		return type == WebSocketHealthProperties.class;
	}

	@Override
	public void validate(Object target, Errors errors) {
		if (((WebSocketHealthProperties) target).getGracePeriod().isNegative()) {
			errors.rejectValue("gracePeriod", "negative", "Must not be negative");
		}
	}

}
