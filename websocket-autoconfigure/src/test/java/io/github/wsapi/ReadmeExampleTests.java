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
package io.github.wsapi;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.github.wsapi.testserver.SpringTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Compiles and runs the Java twin of MDN's example, exactly as README.md shows it, against
 * a real server (only the address is swapped for the server's random port).
 *
 * @author wsapi contributors
 */
class ReadmeExampleTests {

	private static final Pattern FIRST_JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	@Test
	void javaTwinOfMdnExampleRunsAsWritten(@TempDir Path dir) throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		Matcher block = FIRST_JAVA_BLOCK.matcher(readme);
		assertThat(block.find()).as("a java block in README.md").isTrue();
		String example = block.group(1);
		assertThat(example).contains("\"ws://localhost:8080\"");
		try (SpringTestServer server = SpringTestServer.start()) {
			Path source = dir.resolve("ReadmeExample.java");
			Files.writeString(source, "import io.github.wsapi.*;\n" + "public class ReadmeExample {\n"
					+ "public static void run() {\n"
					+ example.replace("\"ws://localhost:8080\"", "\"" + server.url("/echo") + "\"") + "}\n}\n");
			JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
			int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
					dir.toString(), source.toString());
			assertThat(status).as("javac exit status").isZero();
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			PrintStream originalOut = System.out;
			System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
			try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
					getClass().getClassLoader())) {
				Method run = loader.loadClass("ReadmeExample").getMethod("run");
				run.invoke(null);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.toString(StandardCharsets.UTF_8).contains("Message from server Hello Server!"));
			}
			finally {
				System.setOut(originalOut);
			}
			assertThat(server.received()).containsExactly("Hello Server!");
		}
	}

}
