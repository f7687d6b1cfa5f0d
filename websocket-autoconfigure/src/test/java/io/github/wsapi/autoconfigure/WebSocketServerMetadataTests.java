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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import io.github.wsapi.OverflowPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata of {@link WebSocketServerProperties}: every
 * property has IDE help in Spring Boot's wording, the overflow policies are hinted, and the
 * README's server property table lists exactly the properties with their defaults.
 *
 * @author wsapi contributors
 */
class WebSocketServerMetadataTests {

	private static final Path ADDITIONAL = Path
		.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

	private static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(websocket\\.server\\.[^`]*)` \\| ((?:`[^`|]*`)?) \\|");

	@Test
	void everyPropertyHasADescriptionInSpringBootsWording() throws IOException {
		List<Map<String, Object>> properties = serverEntries(GENERATED, "$.properties[*]");
		assertThat(properties).hasSize(14).allSatisfy((property) -> {
			String description = (String) property.get("description");
			assertThat(description).as("description of %s", property.get("name"))
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A ")
				.endsWith(".");
			if ("java.lang.Boolean".equals(property.get("type"))) {
				assertThat(description).startsWith("Whether");
			}
			if (((String) property.get("type")).startsWith("java.util.List")) {
				assertThat(description).startsWith("Comma-separated list");
			}
		});
	}

	@Test
	void additionalMetadataHintsEveryOverflowPolicy() throws IOException {
		List<Map<String, Object>> hints = serverEntries(ADDITIONAL, "$.hints[*]");
		assertThat(hints).extracting((hint) -> hint.get("name"))
			.containsExactly("websocket.server.send-buffer.overflow-policy");
		List<String> values = JsonPath.read(hints.get(0), "$.values[*].value");
		assertThat(values).containsExactlyElementsOf(
				Arrays.stream(OverflowPolicy.values()).map((policy) -> policy.name().toLowerCase(Locale.ROOT)).toList());
	}

	@Test
	void readmeTableListsEveryServerPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = TABLE_ROW.matcher(Files.readString(README));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).trim());
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map<String, Object> property : serverEntries(GENERATED, "$.properties[*]")) {
			Object defaultValue = property.get("defaultValue");
			metadata.put((String) property.get("name"), (defaultValue != null) ? "`" + defaultValue + "`" : "");
		}
		assertThat(documented).isEqualTo(metadata);
	}

	private static List<Map<String, Object>> serverEntries(Path file, String path) throws IOException {
		List<Map<String, Object>> entries = JsonPath.read(Files.readString(file), path);
		return entries.stream()
			.filter((entry) -> Objects.toString(entry.get("name")).startsWith("websocket.server."))
			.toList();
	}

}
