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

package io.github.wsapi.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.wsapi.WebSocketOptions;
import org.apache.catalina.util.ServerInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

/**
 * Measures how many messages per second each client gets echoed by one local server, and
 * prints a markdown table with the ratio of each to the JDK's client.
 * <p>
 * For each message (every size, binary and text) and mode (one message in flight, or a
 * window of them sent before the echoes are awaited), each client is warmed up, then
 * measured in several rounds whose order rotates between clients, so that drift in the
 * machine's speed is shared; the median round is reported. Run with
 * {@code java -jar websocket-benchmarks.jar [--sizes=64B,16KB,1MB] [--rounds=7]
 * [--round-ms=200] [--warmup-ms=300]}; sizes are Spring {@link DataSize}s, where KB and MB
 * are 1024-based.
 *
 * @author wsapi contributors
 */
public final class ThroughputBenchmark {

	private static final String USAGE = "Usage: java -jar websocket-benchmarks.jar [--sizes=64B,16KB,1MB] "
			+ "[--rounds=7] [--round-ms=200] [--warmup-ms=300]";

	// enough in flight to hide the round trip, well below the 16 MiB maxBufferedAmount
	private static final int PIPELINE_BYTES = 4 * 1024 * 1024;

	private static final int MAX_PIPELINE = 128;

	private static final double MIB = 1024 * 1024;

	private final Settings settings;

	private final List<BenchmarkClient> clients;

	private final Map<BenchmarkClient, String> failures = new LinkedHashMap<>();

	private ThroughputBenchmark(Settings settings, List<BenchmarkClient> clients) {
		this.settings = settings;
		this.clients = clients;
	}

	/**
	 * Run the benchmark and print the results to standard output, progress to standard
	 * error.
	 * @param args {@code --sizes=}, {@code --rounds=}, {@code --round-ms=},
	 * {@code --warmup-ms=}
	 * @throws Exception if the server or a connection cannot be started
	 */
	public static void main(String[] args) throws Exception {
		Settings settings;
		try {
			settings = Settings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		try (ConfigurableApplicationContext server = EchoServer.start()) {
			String url = EchoServer.url(server);
			List<BenchmarkClient> clients = new ArrayList<>();
			try {
				clients.add(new WsapiClient("wsapi WebSocket (default transport)", url, WebSocketOptions.defaults()));
				clients.add(new JdkClient(url));
				clients.add(new TomcatClient(url));
				clients.add(new WsapiClient("wsapi WebSocket over StandardWebSocketClient", url,
						WebSocketOptions.builder().transport(new StandardWebSocketClient()).build()));
				List<Row> rows = new ThroughputBenchmark(settings, clients).run();
				System.out.println(describe(settings, loadBefore));
				System.out.println(table(rows));
			}
			finally {
				for (BenchmarkClient client : clients) {
					close(client);
				}
			}
		}
	}

	private List<Row> run() {
		List<Payload> payloads = new ArrayList<>();
		for (int size : this.settings.sizes()) {
			payloads.add(Payload.binary(size));
			payloads.add(Payload.text(size));
		}
		List<Row> rows = new ArrayList<>();
		int cells = payloads.size() * 2;
		for (Payload payload : payloads) {
			for (int window : new int[] { 1, pipelineWindow(payload.size()) }) {
				System.err.printf(Locale.ROOT, "[%d/%d] %s, %s%n", rows.size() / this.clients.size() + 1, cells,
						payload.label(), mode(window));
				rows.addAll(measureCell(payload, window));
			}
		}
		return rows;
	}

	private static int pipelineWindow(int size) {
		return Math.max(2, Math.min(MAX_PIPELINE, PIPELINE_BYTES / size));
	}

	private List<Row> measureCell(Payload payload, int window) {
		int count = this.clients.size();
		long warmup = TimeUnit.MILLISECONDS.toNanos(this.settings.warmupMillis());
		long round = TimeUnit.MILLISECONDS.toNanos(this.settings.roundMillis());
		for (BenchmarkClient client : this.clients) {
			attempt(client, payload, window, warmup);
		}
		double[][] rates = new double[count][this.settings.rounds()];
		for (int r = 0; r < this.settings.rounds(); r++) {
			for (int i = 0; i < count; i++) {
				int c = (r + i) % count;
				rates[c][r] = attempt(this.clients.get(c), payload, window, round);
			}
		}
		List<Row> rows = new ArrayList<>();
		for (int c = 0; c < count; c++) {
			BenchmarkClient client = this.clients.get(c);
			rows.add(new Row(client.name(), payload, window, median(rates[c]), this.failures.get(client)));
		}
		return rows;
	}

	// a client that fails once is left out from then on: its connection is in an unknown state
	private double attempt(BenchmarkClient client, Payload payload, int window, long nanos) {
		if (this.failures.containsKey(client)) {
			return Double.NaN;
		}
		try {
			return measure(client, payload, window, nanos);
		}
		catch (Exception ex) {
			this.failures.put(client, ex.getClass().getSimpleName() + ": " + ex.getMessage());
			System.err.println("  " + client + " failed: " + ex);
			return Double.NaN;
		}
	}

	private static double measure(BenchmarkClient client, Payload payload, int window, long nanos)
			throws Exception {
		long messages = 0;
		long start = System.nanoTime();
		long elapsed;
		do {
			for (int i = 0; i < window; i++) {
				client.send(payload);
			}
			client.awaitEchoes(window);
			messages += window;
			elapsed = System.nanoTime() - start;
		}
		while (elapsed < nanos);
		return messages * 1e9 / elapsed;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String mode(int window) {
		return (window == 1) ? "round trip" : "pipelined, " + window + " in flight";
	}

	private static void close(BenchmarkClient client) {
		try {
			client.close();
		}
		catch (Exception ex) {
			System.err.println("Could not close " + client + ": " + ex);
		}
	}

	private static String describe(Settings settings, double loadBefore) {
		Runtime runtime = Runtime.getRuntime();
		String collectors = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.collect(Collectors.joining(", "));
		String sizes = settings.sizes().stream().map(Payload::formatSize).collect(Collectors.joining(", "));
		return String.join(System.lineSeparator(),
				"- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " ("
						+ System.getProperty("java.vm.vendor") + "), max heap "
						+ Math.round(runtime.maxMemory() / MIB) + " MiB, GC " + collectors,
				"- CPUs: " + runtime.availableProcessors() + ", " + System.getProperty("os.name") + " "
						+ System.getProperty("os.arch"),
				"- Date: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
				String.format(Locale.ROOT, "- Load average (1 min) before the run: %.2f", loadBefore),
				"- Default transport: " + WebSocketOptions.defaults().transport().getClass().getName(),
				"- Echo server: " + ServerInfo.getServerInfo()
						+ " with Spring WebSocket on 127.0.0.1, each part echoed as it arrives",
				"- Messages: " + sizes + ", binary (random bytes) and text (ASCII); warm-up "
						+ settings.warmupMillis() + " ms, then " + settings.rounds() + " rounds of "
						+ settings.roundMillis() + " ms per client, interleaved; the median round is shown",
				"- MiB/s is payload echoed per second, in each direction",
				"");
	}

	private static String table(List<Row> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| client | message | mode | msgs/s | MiB/s | vs JDK |").append(System.lineSeparator());
		table.append("|---|---|---|---:|---:|---:|").append(System.lineSeparator());
		for (Row row : rows) {
			Row jdk = rows.stream()
				.filter((other) -> other.client().equals(JdkClient.NAME) && other.sameCell(row))
				.findFirst()
				.orElseThrow();
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", row.client(),
					row.payload().label(), mode(row.window()), row.formatRate(),
					row.formatThroughput(), row.formatRatio(jdk)))
				.append(System.lineSeparator());
		}
		return table.toString();
	}

	/**
	 * What to run.
	 *
	 * @param sizes the message sizes in bytes
	 * @param rounds the measured rounds per client and cell
	 * @param roundMillis the length of a round
	 * @param warmupMillis the warm-up per client and cell
	 */
	record Settings(List<Integer> sizes, int rounds, long roundMillis, long warmupMillis) {

		static Settings parse(String[] args) {
			List<Integer> sizes = List.of(64, 16 * 1024, 1024 * 1024);
			int rounds = 7;
			long roundMillis = 200;
			long warmupMillis = 300;
			for (String arg : args) {
				int equals = arg.indexOf('=');
				if (!arg.startsWith("--") || equals < 0) {
					throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
				}
				String value = arg.substring(equals + 1);
				try {
					switch (arg.substring(2, equals)) {
						case "sizes" -> sizes = Arrays.stream(value.split(","))
							.map((size) -> Math.toIntExact(DataSize.parse(size.trim()).toBytes()))
							.toList();
						case "rounds" -> rounds = Integer.parseInt(value);
						case "round-ms" -> roundMillis = Long.parseLong(value);
						case "warmup-ms" -> warmupMillis = Long.parseLong(value);
						default -> throw new IllegalArgumentException("Unknown option '" + arg + "'");
					}
				}
				catch (ArithmeticException | NumberFormatException ex) {
					throw new IllegalArgumentException("Invalid value in '" + arg + "'", ex);
				}
			}
			if (sizes.isEmpty() || sizes.stream().anyMatch((size) -> size <= 0) || rounds <= 0 || roundMillis <= 0
					|| warmupMillis < 0) {
				throw new IllegalArgumentException("Sizes, rounds and round-ms must be positive, warmup-ms not negative");
			}
			return new Settings(sizes, rounds, roundMillis, warmupMillis);
		}

	}

	/**
	 * The median result of one client for one message and mode.
	 *
	 * @param client the client's name
	 * @param payload the message
	 * @param window how many messages were in flight
	 * @param messagesPerSecond the median rate, {@code NaN} if the client failed
	 * @param failure why the client failed, if it did
	 */
	record Row(String client, Payload payload, int window, double messagesPerSecond, @Nullable String failure) {

		boolean sameCell(Row other) {
			return this.payload == other.payload && this.window == other.window;
		}

		String formatRate() {
			return (this.failure != null) ? "failed: " + this.failure
					: String.format(Locale.ROOT, "%,.0f", this.messagesPerSecond);
		}

		String formatThroughput() {
			if (this.failure != null) {
				return "-";
			}
			double mibPerSecond = this.messagesPerSecond * this.payload.size() / MIB;
			return String.format(Locale.ROOT, (mibPerSecond < 10) ? "%.2f" : "%,.1f", mibPerSecond);
		}

		String formatRatio(Row jdk) {
			if (this.failure != null || jdk.failure() != null) {
				return "-";
			}
			return String.format(Locale.ROOT, "%.2fx", this.messagesPerSecond / jdk.messagesPerSecond());
		}

	}

}
