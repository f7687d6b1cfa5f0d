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

import java.util.Map;
import java.util.Set;

import io.github.wsapi.WebSocket;
import io.github.wsapi.autoconfigure.WebSocketClientProperties.Client;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers a bean for each client named under {@code websocket.clients}, unless the
 * application defines a {@link WebSocket} bean of that name itself.
 *
 * @author wsapi contributors
 */
final class NamedWebSocketClientsRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private static final String PREFIX = "websocket.clients";

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Assert.state(this.environment != null && this.beanFactory != null, "Not initialized");
		BeanFactory beanFactory = this.beanFactory;
		Set<String> names = Binder.get(this.environment)
			.bind(PREFIX, Bindable.mapOf(String.class, Client.class))
			.map(Map::keySet)
			.orElse(Set.of());
		for (String name : names) {
			if (registry.containsBeanDefinition(name)) {
				Class<?> type = beanFactory.getType(name, false);
				if (type != null && WebSocket.class.isAssignableFrom(type)) {
					continue;
				}
				throw new InvalidConfigurationPropertyValueException(PREFIX + "." + name, name,
						"The client's bean name is taken by a bean that is not a WebSocket. Rename the client.");
			}
			RootBeanDefinition definition = new RootBeanDefinition(WebSocketClientFactoryBean.class);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(1, true);
			definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, WebSocket.class);
			registry.registerBeanDefinition(name, definition);
		}
	}

}
