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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata of the health properties: the switch is in the
 * additional metadata, and the README's table lists exactly the properties with their
 * defaults.
 *
 * @author wsapi contributors
 */
class WebSocketHealthMetadataTests {

	private static final Path ADDITIONAL = Path
		.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

	private static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern TABLE_ROW = Pattern
		.compile("(?m)^\\| `((?:websocket|management)\\.health[^`]*)` \\| ([^|]*) \\|");

	@Test
	void additionalMetadataDocumentsTheSwitch() throws IOException {
		assertThat(healthEntries(ADDITIONAL)).singleElement().satisfies((property) -> {
			assertThat(property).containsEntry("name", "management.health.websocket.enabled")
				.containsEntry("type", "java.lang.Boolean")
				.containsEntry("defaultValue", true);
			assertThat((String) property.get("description")).startsWith("Whether to enable");
		});
	}

	@Test
	void readmeTableListsEveryHealthPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = TABLE_ROW.matcher(Files.readString(README));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).trim());
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Path file : List.of(ADDITIONAL, GENERATED)) {
			for (Map<String, Object> property : healthEntries(file)) {
				Object defaultValue = property.get("defaultValue");
				metadata.put((String) property.get("name"), (defaultValue != null) ? "`" + defaultValue + "`" : "");
			}
		}
		assertThat(documented).isEqualTo(metadata);
	}

	private static List<Map<String, Object>> healthEntries(Path file) throws IOException {
		List<Map<String, Object>> entries = JsonPath.read(Files.readString(file), "$.properties[*]");
		return entries.stream().filter((entry) -> {
			String name = Objects.toString(entry.get("name"));
			return name.startsWith("websocket.health.") || name.startsWith("management.health.websocket.");
		}).toList();
	}

}
