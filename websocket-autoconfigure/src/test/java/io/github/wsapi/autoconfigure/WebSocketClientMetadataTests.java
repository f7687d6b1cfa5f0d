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

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata of the client properties: the hand-written
 * additional metadata is pinned, the generated metadata gives every property IDE help in
 * Spring Boot's wording, and the README's property table lists exactly the properties
 * with their defaults.
 *
 * @author wsapi contributors
 */
class WebSocketClientMetadataTests {

	private static final Path ADDITIONAL = Path
		.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

	private static final Path GENERATED = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(websocket\\.clients?[^`]*)` \\| ((?:`[^`|]*`)?) \\|");

	@Test
	void additionalMetadataDocumentsTheSwitch() throws IOException {
		List<Map<String, Object>> properties = clientEntries(ADDITIONAL, "$.properties[*]");
		assertThat(properties).singleElement().satisfies((property) -> {
			assertThat(property).containsEntry("name", "websocket.client.enabled")
				.containsEntry("type", "java.lang.Boolean")
				.containsEntry("defaultValue", true);
			assertThat((String) property.get("description")).startsWith("Whether to enable");
		});
	}

	@Test
	void additionalMetadataHintsBinaryTypesTheClientAccepts() throws IOException {
		Map<String, Object> hint = hint("websocket.client.binary-type");
		List<String> values = JsonPath.read(hint, "$.values[*].value");
		assertThat(values).containsExactly("blob", "arraybuffer");
		WebSocketClientProperties properties = new WebSocketClientProperties();
		for (String value : values) {
			properties.getClient().setBinaryType(value);
			Errors errors = new BeanPropertyBindingResult(properties.getClient(), "websocket.client");
			properties.validate(properties.getClient(), errors);
			assertThat(errors.getFieldErrors("binaryType")).isEmpty();
		}
	}

	@Test
	void additionalMetadataHintsEveryOverflowPolicy() throws IOException {
		List<String> values = JsonPath.read(hint("websocket.client.send-buffer.overflow-policy"), "$.values[*].value");
		assertThat(values).containsExactlyElementsOf(Arrays.stream(OverflowPolicy.values())
			.map((policy) -> policy.name().toLowerCase(Locale.ROOT))
			.toList());
	}

	@Test
	void additionalMetadataHintsExecutorBeansForTheListenerExecutor() throws IOException {
		Map<String, Object> hint = hint("websocket.client.listener-executor");
		assertThat(JsonPath.<List<String>>read(hint, "$.providers[*].name")).containsExactly("spring-bean-reference");
		assertThat(JsonPath.<List<String>>read(hint, "$.providers[*].parameters.target"))
			.containsExactly("java.util.concurrent.Executor");
	}

	@Test
	void additionalMetadataHintsNothingElse() throws IOException {
		assertThat(clientEntries(ADDITIONAL, "$.hints[*]")).extracting((hint) -> hint.get("name"))
			.containsExactlyInAnyOrder("websocket.client.binary-type", "websocket.client.listener-executor",
					"websocket.client.send-buffer.overflow-policy");
	}

	@Test
	void everyPropertyHasADescriptionInSpringBootsWording() throws IOException {
		List<Map<String, Object>> properties = clientEntries(GENERATED, "$.properties[*]");
		assertThat(properties).hasSizeGreaterThan(20).allSatisfy((property) -> {
			String description = (String) property.get("description");
			assertThat(description).as("description of %s", property.get("name"))
				.isNotBlank()
				.doesNotStartWith("The ")
				.doesNotStartWith("A ")
				.endsWith(".");
			if ("java.lang.Boolean".equals(property.get("type"))) {
				assertThat(description).startsWith("Whether");
			}
			if (((String) property.get("type")).startsWith("java.util.List")
					|| ((String) property.get("type")).startsWith("java.util.Set")) {
				assertThat(description).startsWith("Comma-separated list");
			}
		});
	}

	@Test
	void readmeTableListsEveryClientPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher row = TABLE_ROW.matcher(Files.readString(README));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).trim());
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Map<String, Object> property : clientEntries(GENERATED, "$.properties[*]")) {
			Object defaultValue = property.get("defaultValue");
			metadata.put((String) property.get("name"), (defaultValue != null) ? "`" + defaultValue + "`" : "");
		}
		assertThat(documented).isEqualTo(metadata);
	}

	private static Map<String, Object> hint(String name) throws IOException {
		return clientEntries(ADDITIONAL, "$.hints[*]").stream()
			.filter((hint) -> name.equals(hint.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No hint for " + name));
	}

	private static List<Map<String, Object>> clientEntries(Path file, String path) throws IOException {
		List<Map<String, Object>> entries = JsonPath.read(Files.readString(file), path);
		return entries.stream()
			.filter((entry) -> Objects.toString(entry.get("name")).startsWith("websocket.client"))
			.toList();
	}

}
