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

package io.github.wsapi.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.wsapi.EventType;
import io.github.wsapi.WebSocket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A headless Chromium with one page, driven through the Chrome DevTools Protocol over a
 * WebSocket opened with this project's own {@link WebSocket}.
 * <p>
 * {@link #launch()} starts {@code /usr/bin/chromium} (or {@code $CHROMIUM_PATH}) with a fresh
 * profile and fails, never skips, when it is not installed. {@link #navigate(String)} gives
 * the page an origin, {@link #evaluate(String)} runs script in it, and {@link #close()}
 * kills the browser with its child processes and deletes the profile.
 *
 * @author wsapi contributors
 */
public final class Chromium implements AutoCloseable {

	private static final String DEFAULT_PATH = "/usr/bin/chromium";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");

	private static final int STDERR_LINES_KEPT = 40;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path profile;

	private final Deque<String> stderr = new ArrayDeque<>();

	private final CompletableFuture<String> devToolsUrl = new CompletableFuture<>();

	private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();

	private final AtomicInteger lastId = new AtomicInteger();

	private @Nullable WebSocket devTools;

	private @Nullable String sessionId;

	private Chromium(Process process, Path profile) {
		this.process = process;
		this.profile = profile;
		Thread reader = new Thread(this::readStderr, "chromium-stderr");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start Chromium and attach to a new blank page.
	 * @return the running browser
	 * @throws IllegalStateException if Chromium is not installed or does not start
	 */
	public static Chromium launch() {
		Path executable = executable();
		Path profile;
		try {
			profile = Files.createTempDirectory("wsapi-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a Chromium profile directory", ex);
		}
		Process process;
		try {
			process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--disable-quic", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			delete(profile);
			throw new UncheckedIOException("Could not start " + executable, ex);
		}
		Chromium chromium = new Chromium(process, profile);
		try {
			chromium.connect();
			return chromium;
		}
		catch (RuntimeException ex) {
			chromium.close();
			throw ex;
		}
	}

	private static Path executable() {
		String configured = System.getenv("CHROMIUM_PATH");
		Path path = Path.of((configured != null && !configured.isBlank()) ? configured : DEFAULT_PATH);
		if (!Files.isExecutable(path)) {
			throw new IllegalStateException("Chromium not found at " + path
					+ ": install it with `apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH");
		}
		return path;
	}

	/**
	 * Load a URL in the page and wait for its {@code load} event. Its origin becomes the
	 * page's origin, whatever the response status.
	 * @param url an {@code http:} URL
	 */
	public void navigate(String url) {
		CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
		this.awaitedEvents.put("Page.loadEventFired", loaded);
		JsonNode result = call(this.sessionId, "Page.navigate", Map.of("url", url));
		if (result.hasNonNull("errorText")) {
			throw new IllegalStateException("Could not navigate to " + url + ": " + result.get("errorText").asString());
		}
		await(loaded, "the load event of " + url);
	}

	/**
	 * Evaluate a script expression in the page, waiting for it if it is a promise.
	 * @param expression the expression
	 * @return its value as JSON-like Java objects ({@code String}, {@code Number},
	 * {@code Boolean}, {@code List}, {@code Map}), {@code null} for {@code undefined}
	 * @throws JavaScriptException if it throws or its promise rejects
	 */
	public @Nullable Object evaluate(String expression) {
		JsonNode result = call(this.sessionId, "Runtime.evaluate",
				Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
		JsonNode exception = result.get("exceptionDetails");
		if (exception != null) {
			JsonNode description = exception.path("exception").get("description");
			throw new JavaScriptException(
					(description != null) ? description.asString() : exception.path("text").asString());
		}
		JsonNode value = result.path("result").get("value");
		return (value != null) ? JSON.treeToValue(value, Object.class) : null;
	}

	/**
	 * Stop Chromium and its child processes, and delete its profile.
	 */
	@Override
	public void close() {
		WebSocket devTools = this.devTools;
		if (devTools != null) {
			devTools.close();
		}
		List<ProcessHandle> processes = Stream.concat(Stream.of(this.process.toHandle()), this.process.descendants())
			.toList();
		processes.forEach(ProcessHandle::destroy);
		try {
			CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
				.get(5, TimeUnit.SECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			processes.forEach(ProcessHandle::destroyForcibly);
		}
		catch (InterruptedException ex) {
			processes.forEach(ProcessHandle::destroyForcibly);
			Thread.currentThread().interrupt();
		}
		delete(this.profile);
	}

	private void connect() {
		String url = await(this.devToolsUrl, "the DevTools URL on Chromium's stderr");
		WebSocket devTools = new WebSocket(url);
		CompletableFuture<Void> opened = new CompletableFuture<>();
		devTools.addEventListener(EventType.OPEN, (event) -> opened.complete(null));
		devTools.addEventListener(EventType.MESSAGE, (event) -> received((String) event.data()));
		devTools.addEventListener(EventType.CLOSE, (event) -> {
			IllegalStateException closed = new IllegalStateException("The DevTools connection closed: " + event);
			opened.completeExceptionally(closed);
			this.replies.values().forEach((reply) -> reply.completeExceptionally(closed));
		});
		this.devTools = devTools;
		await(opened, "the DevTools connection");
		String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asString();
		this.sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
			.path("sessionId")
			.asString();
		call(this.sessionId, "Page.enable", Map.of());
	}

	private JsonNode call(@Nullable String sessionId, String method, Map<String, Object> params) {
		int id = this.lastId.incrementAndGet();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id);
		message.put("method", method);
		message.put("params", params);
		if (sessionId != null) {
			message.put("sessionId", sessionId);
		}
		CompletableFuture<JsonNode> reply = new CompletableFuture<>();
		this.replies.put(id, reply);
		WebSocket devTools = this.devTools;
		if (devTools == null) {
			throw new IllegalStateException("Not connected to Chromium");
		}
		devTools.send(JSON.writeValueAsString(message));
		return await(reply, "the reply to " + method);
	}

	// on the DevTools socket's event thread
	private void received(String text) {
		JsonNode message = JSON.readTree(text);
		JsonNode id = message.get("id");
		if (id == null) {
			CompletableFuture<JsonNode> awaited = this.awaitedEvents.remove(message.path("method").asString());
			if (awaited != null) {
				awaited.complete(message.path("params"));
			}
			return;
		}
		CompletableFuture<JsonNode> reply = this.replies.remove(id.asInt());
		if (reply == null) {
			return;
		}
		JsonNode error = message.get("error");
		if (error != null) {
			reply.completeExceptionally(new IllegalStateException("DevTools error: " + error));
		}
		else {
			reply.complete(message.path("result"));
		}
	}

	private void readStderr() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getErrorStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				Matcher matcher = DEVTOOLS_URL.matcher(line);
				if (matcher.find()) {
					this.devToolsUrl.complete(matcher.group(1));
				}
				synchronized (this.stderr) {
					this.stderr.addLast(line);
					if (this.stderr.size() > STDERR_LINES_KEPT) {
						this.stderr.removeFirst();
					}
				}
			}
		}
		catch (IOException ex) {
			// the process is gone: reported below
		}
		synchronized (this.stderr) {
			this.devToolsUrl.completeExceptionally(
					new IllegalStateException("Chromium exited; the end of its stderr:\n" + String.join("\n", this.stderr)));
		}
	}

	private <T> T await(CompletableFuture<T> future, String what) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("No " + what + " within " + TIMEOUT, ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + what, ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a leftover temporary directory is no reason to fail a test
		}
	}

	/**
	 * Thrown by {@link #evaluate(String)} when the script throws or its promise rejects.
	 */
	public static final class JavaScriptException extends RuntimeException {

		JavaScriptException(String message) {
			super(message);
		}

	}

}
