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

import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.wsapi.WebSocket;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;

/**
 * Tells about {@link WebSocket} beans, by bean name, once they are initialized and before
 * they are destroyed: the application's own clients as well as the auto-configured ones,
 * whose {@link FactoryBean} is destroyed in their stead. The object of a
 * {@code FactoryBean} may be post-processed again on a later lookup, so the same client
 * can be told about more than once.
 *
 * @author wsapi contributors
 */
final class WebSocketBeansPostProcessor implements DestructionAwareBeanPostProcessor {

	private final BiConsumer<String, WebSocket> initialized;

	private final Consumer<String> destroyed;

	WebSocketBeansPostProcessor(BiConsumer<String, WebSocket> initialized, Consumer<String> destroyed) {
		this.initialized = initialized;
		this.destroyed = destroyed;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof WebSocket socket) {
			this.initialized.accept(beanName, socket);
		}
		return bean;
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		if (bean instanceof FactoryBean<?> factory) {
			Class<?> type = factory.getObjectType();
			return type != null && WebSocket.class.isAssignableFrom(type);
		}
		return bean instanceof WebSocket;
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		this.destroyed.accept(beanName);
	}

}
