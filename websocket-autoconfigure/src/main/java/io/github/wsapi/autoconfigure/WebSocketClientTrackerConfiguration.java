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

import io.github.wsapi.actuate.WebSocketClientTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link WebSocketClientTracker} that the health indicator and the {@code websockets}
 * endpoint share, fed with every {@code WebSocket} bean.
 *
 * @author wsapi contributors
 */
@Configuration(proxyBeanMethods = false)
final class WebSocketClientTrackerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebSocketClientTracker webSocketClientTracker() {
		return new WebSocketClientTracker();
	}

	@Bean
	static WebSocketBeansPostProcessor webSocketClientTrackerPostProcessor(
			ObjectProvider<WebSocketClientTracker> tracker) {
		return new WebSocketBeansPostProcessor((name, socket) -> tracker.getObject().track(name, socket),
				(name) -> tracker.getObject().untrack(name));
	}

}
