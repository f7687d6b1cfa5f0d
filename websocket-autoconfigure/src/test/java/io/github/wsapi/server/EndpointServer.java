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
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot application with full auto-configuration on embedded Tomcat, on a random
 * loopback port, serving the endpoints of the given configuration classes.
 *
 * @author wsapi contributors
 */
final class EndpointServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private EndpointServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static EndpointServer start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		return new EndpointServer(new SpringApplicationBuilder(configuration, AutoConfigured.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run());
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	String url(String path) {
		return "ws://127.0.0.1:" + port() + path;
	}

	String origin() {
		return "http://127.0.0.1:" + port();
	}

	<T> T bean(String name, Class<T> type) {
		return this.context.getBean(name, type);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AutoConfigured {

	}

}
