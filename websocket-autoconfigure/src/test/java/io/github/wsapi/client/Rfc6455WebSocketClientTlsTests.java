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

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.wsapi.testserver.RawConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@code wss} connections of {@link Rfc6455WebSocketClient} against a TLS
 * server whose self-signed certificate is valid for {@code localhost} only.
 *
 * @author wsapi contributors
 */
class Rfc6455WebSocketClientTlsTests {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)");

	private static SSLContext serverContext;

	private static SSLContext clientContext;

	private final Rfc6455WebSocketClient client = new Rfc6455WebSocketClient();

	private final RecordingWebSocketHandler handler = new RecordingWebSocketHandler();

	private final CompletableFuture<List<SNIServerName>> serverNames = new CompletableFuture<>();

	private SSLServerSocket serverSocket;

	@BeforeAll
	static void createCertificate(@TempDir Path directory) throws Exception {
		Path keyStoreFile = directory.resolve("localhost.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStoreFile.toString(), "-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStoreFile)) {
			keyStore.load(in, PASSWORD);
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, PASSWORD);
		serverContext = SSLContext.getInstance("TLS");
		serverContext.init(keyManagers.getKeyManagers(), null, null);
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("localhost", keyStore.getCertificate("localhost"));
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trustStore);
		clientContext = SSLContext.getInstance("TLS");
		clientContext.init(null, trustManagers.getTrustManagers(), null);
	}

	@AfterEach
	void stopServer() throws IOException {
		if (this.serverSocket != null) {
			this.serverSocket.close();
		}
	}

	@Test
	void secureConnectionVerifiesTheHostNameAndSendsSni() throws Exception {
		startServer();
		this.client.setSslContext(clientContext);
		this.client.execute(this.handler, "wss://localhost:" + this.serverSocket.getLocalPort() + "/")
			.get(10, TimeUnit.SECONDS);
		CloseStatus status = this.handler.awaitClose();
		assertThat(status.getCode()).isEqualTo(1000);
		assertThat(status.getReason()).isEqualTo("tls");
		assertThat(this.serverNames.get(10, TimeUnit.SECONDS)).containsExactly(new SNIHostName("localhost"));
	}

	@Test
	void certificateForAnotherHostFailsTheHandshake() throws Exception {
		startServer();
		this.client.setSslContext(clientContext);
		String address = this.serverSocket.getInetAddress().getHostAddress();
		String host = address.contains(":") ? "[" + address + "]" : address;
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client
				.execute(this.handler, "wss://" + host + ":" + this.serverSocket.getLocalPort() + "/")
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(SSLHandshakeException.class);
		assertThat(this.handler.getEvents()).isEmpty();
	}

	@Test
	void untrustedCertificateFailsTheHandshakeWithTheDefaultContext() throws Exception {
		startServer();
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.client
				.execute(this.handler, "wss://localhost:" + this.serverSocket.getLocalPort() + "/")
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(SSLHandshakeException.class);
	}

	private void startServer() throws IOException {
		this.serverSocket = (SSLServerSocket) serverContext.getServerSocketFactory()
			.createServerSocket(0, 50, InetAddress.getByName("localhost"));
		Thread thread = new Thread(this::serveOneConnection, "tls-test-server");
		thread.setDaemon(true);
		thread.start();
	}

	private void serveOneConnection() {
		try (SSLSocket socket = (SSLSocket) this.serverSocket.accept()) {
			socket.startHandshake();
			this.serverNames.complete(((ExtendedSSLSession) socket.getSession()).getRequestedServerNames());
			InputStream in = new BufferedInputStream(socket.getInputStream());
			Matcher key = KEY.matcher(readHead(in));
			assertThat(key.find()).isTrue();
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: " + RawConnection.acceptKey(key.group(1)) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(RawConnection.closeFrame(1000, "tls"));
			out.flush();
			in.readNBytes(2 + 4 + 5);
		}
		catch (IOException ex) {
			this.serverNames.completeExceptionally(ex);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b == -1) {
				throw new IOException("Closed before the end of the request head");
			}
			head.append((char) b);
		}
		return head.toString();
	}

}
