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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.github.wsapi.CloseEvent;
import io.github.wsapi.EventListener;
import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import io.github.wsapi.WebSocketOptions;
import io.github.wsapi.autoconfigure.WebSocketClientProperties.Client;
import io.github.wsapi.autoconfigure.WebSocketClientProperties.Heartbeat;
import io.github.wsapi.autoconfigure.WebSocketClientProperties.Reconnect;
import io.github.wsapi.client.Rfc6455WebSocketClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.socket.client.WebSocketClient;

/**
 * Creates one auto-configured {@link WebSocket} client from its properties, and connects
 * and closes it with the application context.
 * <p>
 * The socket is created without connecting, so that {@link WebSocketOptionsCustomizer}
 * and {@link WebSocketClientCustomizer} beans can adjust it and attach listeners first.
 * It connects when the context starts, in phase
 * {@link WebSocketClientAutoConfiguration#CLIENT_LIFECYCLE_PHASE}, and on stop sends a
 * Close frame 1001 "Going away" after the messages already queued, waiting up to the
 * client's shutdown timeout for the closing handshake. Pausing the context closes the
 * client the same way, and restarting it connects again.
 *
 * @author wsapi contributors
 */
final class WebSocketClientFactoryBean
		implements SmartFactoryBean<WebSocket>, SmartLifecycle, BeanFactoryAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(WebSocketClientFactoryBean.class);

	private final String name;

	private final boolean named;

	private final String prefix;

	private @Nullable BeanFactory beanFactory;

	private @Nullable Client properties;

	private @Nullable WebSocket socket;

	private volatile boolean running;

	/**
	 * Create a factory for one client.
	 * @param name the client's name, which is its bean name
	 * @param named whether the client is configured under
	 * {@code websocket.clients.<name>} rather than {@code websocket.client}
	 */
	WebSocketClientFactoryBean(String name, boolean named) {
		this.name = name;
		this.named = named;
		this.prefix = named ? "websocket.clients." + name : "websocket.client";
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public synchronized WebSocket getObject() {
		WebSocket socket = this.socket;
		if (socket == null) {
			socket = createSocket();
			this.socket = socket;
		}
		return socket;
	}

	@Override
	public Class<?> getObjectType() {
		return WebSocket.class;
	}

	@Override
	public boolean isEagerInit() {
		return true;
	}

	private synchronized Client properties() {
		Client properties = this.properties;
		if (properties == null) {
			WebSocketClientProperties all = beanFactory().getBean(WebSocketClientProperties.class);
			properties = this.named ? all.getClients().get(this.name) : all.getClient();
			Assert.state(properties != null, () -> "No properties under " + this.prefix);
			this.properties = properties;
		}
		return properties;
	}

	private WebSocket createSocket() {
		BeanFactory beanFactory = beanFactory();
		Client properties = properties();
		WebSocketOptions.Builder options = WebSocketOptions.builder()
			.transport(transport(beanFactory))
			.connectTimeout(properties.getConnectTimeout())
			.maxMessageSize(Math.toIntExact(properties.getMaxMessageSize().toBytes()))
			.maxBufferedAmount(properties.getSendBuffer().getLimit().toBytes())
			.overflowPolicy(properties.getSendBuffer().getOverflowPolicy())
			.bufferWhileReconnecting(properties.isBufferWhileReconnecting());
		properties.getHeaders().forEach(options::header);
		String listenerExecutor = properties.getListenerExecutor();
		if (listenerExecutor != null) {
			options.eventExecutor(listenerExecutor(beanFactory, listenerExecutor));
		}
		Heartbeat heartbeat = properties.getHeartbeat();
		Duration pingInterval = heartbeat.getPingInterval();
		if (pingInterval != null) {
			options.heartbeat(pingInterval, heartbeat.getPongTimeout());
		}
		Reconnect reconnect = properties.getReconnect();
		if (reconnect.isEnabled()) {
			options.reconnect(backOff(reconnect)).reconnectStopCodes(Set.copyOf(reconnect.getStopCodes()));
		}
		beanFactory.getBeanProvider(WebSocketOptionsCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(this.name, options));
		// connecting is the lifecycle's job, after every customizer has run
		options.connectOnCreate(false);
		WebSocket socket = new WebSocket(Objects.requireNonNull(properties.getUrl()), properties.getProtocols(),
				options.build());
		socket.binaryType(properties.getBinaryType());
		socket.bufferedAmountLowThreshold(properties.getSendBuffer().getLowThreshold().toBytes());
		beanFactory.getBeanProvider(WebSocketClientCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(this.name, socket));
		return socket;
	}

	private WebSocketClient transport(BeanFactory beanFactory) {
		Client properties = properties();
		String bundle = properties.getSsl().getBundle();
		WebSocketClient transport = beanFactory.getBeanProvider(WebSocketClient.class).getIfUnique();
		if (transport != null) {
			if (bundle != null) {
				throw new InvalidConfigurationPropertyValueException(this.prefix + ".ssl.bundle", bundle,
						"An SSL bundle applies to the default transport only, but the application's "
								+ "WebSocketClient bean is the transport. Configure TLS on that bean instead.");
			}
			return transport;
		}
		Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();
		client.setConnectTimeout(properties.getConnectTimeout());
		client.setMaxMessageSize(Math.toIntExact(properties.getMaxMessageSize().toBytes()));
		if (bundle != null) {
			client.setSslContext(sslContext(beanFactory, bundle));
		}
		return client;
	}

	private SSLContext sslContext(BeanFactory beanFactory, String bundleName) {
		String property = this.prefix + ".ssl.bundle";
		SslBundles bundles = beanFactory.getBeanProvider(SslBundles.class).getIfAvailable();
		if (bundles == null) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"No SslBundles bean is available to look the bundle up.");
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"No SSL bundle named '" + bundleName + "' is configured under 'spring.ssl.bundle'.", ex);
		}
		if (bundle.getOptions().isSpecified()) {
			throw new InvalidConfigurationPropertyValueException(property, bundleName,
					"The bundle's ciphers and enabled protocols are not supported: the default transport uses the "
							+ "SSL context's defaults. Remove the bundle's 'options'.");
		}
		return bundle.createSslContext();
	}

	private Executor listenerExecutor(BeanFactory beanFactory, String beanName) {
		try {
			return beanFactory.getBean(beanName, Executor.class);
		}
		// without the cause, which Spring Boot would explain as a missing injection point
		catch (NoSuchBeanDefinitionException ex) {
			throw new InvalidConfigurationPropertyValueException(this.prefix + ".listener-executor", beanName,
					"No bean named '" + beanName + "' is defined.");
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw new InvalidConfigurationPropertyValueException(this.prefix + ".listener-executor", beanName,
					"The bean named '" + beanName + "' is a " + ex.getActualType().getName() + ", not an Executor.");
		}
	}

	private static ExponentialBackOff backOff(Reconnect reconnect) {
		ExponentialBackOff backOff = new ExponentialBackOff(reconnect.getInitialDelay().toMillis(),
				reconnect.getMultiplier());
		backOff.setMaxInterval(reconnect.getMaxDelay().toMillis());
		backOff.setJitter(reconnect.getJitter().toMillis());
		Long maxAttempts = reconnect.getMaxAttempts();
		if (maxAttempts != null) {
			backOff.setMaxAttempts(maxAttempts);
		}
		return backOff;
	}

	private BeanFactory beanFactory() {
		Assert.state(this.beanFactory != null, "No BeanFactory set");
		return this.beanFactory;
	}

	@Override
	public void start() {
		WebSocket socket = getObject();
		if (properties().isConnectOnStartup()) {
			socket.connect();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		shutdown().join();
	}

	@Override
	public void stop(Runnable callback) {
		shutdown().whenComplete((result, ex) -> callback.run());
	}

	private CompletableFuture<Void> shutdown() {
		this.running = false;
		WebSocket socket = getObject();
		CompletableFuture<Void> closed = new CompletableFuture<>();
		EventListener<CloseEvent> listener = (event) -> closed.complete(null);
		socket.addEventListener(EventType.CLOSE, listener);
		socket.closeGoingAway();
		if (socket.readyState() == WebSocket.CLOSED) {
			closed.complete(null);
		}
		Duration timeout = properties().getShutdownTimeout();
		return closed.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((result, ex) -> {
			socket.removeEventListener(EventType.CLOSE, listener);
			if (ex != null) {
				logger.warn("WebSocket client '" + this.name + "' did not close within " + timeout
						+ "; its remaining messages may be lost");
			}
			return null;
		});
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return WebSocketClientAutoConfiguration.CLIENT_LIFECYCLE_PHASE;
	}

	/**
	 * Return {@code true}: pausing the context closes the client with code 1001, as
	 * stopping does, so that a paused application neither receives nor sends; restarting
	 * connects again if the client connects on startup.
	 */
	@Override
	public boolean isPauseable() {
		return true;
	}

	@Override
	public synchronized void destroy() {
		// a context whose refresh failed after the start is destroyed without a stop
		WebSocket socket = this.socket;
		if (socket != null && socket.readyState() != WebSocket.CLOSED) {
			socket.closeGoingAway();
		}
	}

}
