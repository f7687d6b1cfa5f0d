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

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.github.wsapi.testserver.RawWebSocketServer.Script;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One conformance scenario: the steps a page script runs against {@code WebSocket}, and the
 * peer they talk to. Scenarios are data: {@link #toJson()} is the document that both
 * {@code conformance/interpreter.js} (in Chromium) and {@link JavaInterpreter} play, each
 * writing a transcript of the same lines.
 * <p>
 * URLs may use placeholders that are replaced in the document before each run:
 * {@code {spring}} for the {@code SpringTestServer} ({@code /echo}, {@code /goodbye}),
 * {@code {port}} for its port alone, {@code {raw}} for a fresh {@link #peer() peer} started
 * for that run, and {@code {refused}} for a port where nothing listens.
 *
 * @param name the display name, {@code "<section>: <behaviour>"}
 * @param peer the script of the raw server that {@code {raw}} stands for, if any
 * @param steps the steps, run in one go like one page script
 * @author wsapi contributors
 */
record Scenario(String name, @Nullable Script peer, List<Step> steps) {

	private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	static Scenario scenario(String name, Step... steps) {
		return new Scenario(name, null, List.of(steps));
	}

	static Scenario scenario(String name, Script peer, Step... steps) {
		return new Scenario(name, peer, List.of(steps));
	}

	/**
	 * Return the steps as a JSON document, {@code {"steps": [...]}}. Non-ASCII characters
	 * are escaped, so that lone surrogates survive every hop to the page.
	 * @return the document
	 */
	String toJson() {
		return JSON.writeValueAsString(new Document(this.steps));
	}

	static List<Step> stepsOf(String json) {
		return JSON.readValue(json, Document.class).steps();
	}

	@Override
	public String toString() {
		return this.name;
	}

	static Step construct(String url, String... protocols) {
		return new Construct(url, List.of(protocols));
	}

	static Step probe(String url, String... protocols) {
		return new Probe(url, List.of(protocols));
	}

	static Step send(Payload data) {
		return new Send(data);
	}

	static Step send(String text) {
		return new Send(text(text));
	}

	static Step close() {
		return new Close(null, null);
	}

	static Step close(int code) {
		return new Close(code, null);
	}

	static Step close(int code, String reason) {
		return new Close(code, reason);
	}

	static Step binaryType(String value) {
		return new BinaryType(value);
	}

	static Step read(String attribute) {
		return new Read(attribute);
	}

	static Step addListener(String type, String label) {
		return new AddListener(type, label, false);
	}

	static Step addListenerOnce(String type, String label) {
		return new AddListener(type, label, true);
	}

	static Step removeListener(String type, String label) {
		return new RemoveListener(type, label);
	}

	static Step dispatch(String type) {
		return new Dispatch(type);
	}

	static Step handler(String type, @Nullable String label) {
		return new Handler(type, label);
	}

	static Step on(String type, Step... steps) {
		return on(type, 1, steps);
	}

	static Step on(String type, int nth, Step... steps) {
		return new On(type, nth, List.of(steps));
	}

	static Payload text(String value) {
		return new Text(value, 1);
	}

	static Payload text(String value, int repeat) {
		return new Text(value, repeat);
	}

	static Payload arrayBuffer(int size) {
		return new ArrayBuffer(size);
	}

	static Payload view(int size, int offset, int length) {
		return new View(size, offset, length);
	}

	static Payload blob(int size) {
		return new Blob(size);
	}

	private record Document(List<Step> steps) {

	}

	/**
	 * What a page script does; each step that does something records one line.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
	sealed interface Step
			permits Construct, Probe, Send, Close, BinaryType, Read, AddListener, RemoveListener, Handler, Dispatch, On {

	}

	/**
	 * {@code new WebSocket(url, protocols)}: the socket under test, whose events are
	 * recorded from now on. Records {@code new(...) -> ok} or the exception's name.
	 */
	@JsonTypeName("construct")
	record Construct(String url, List<String> protocols) implements Step {

	}

	/**
	 * {@code new WebSocket(url, protocols)}, then {@code close()} at once, unobserved.
	 * Records the {@code url} attribute or the exception's name.
	 */
	@JsonTypeName("probe")
	record Probe(String url, List<String> protocols) implements Step {

	}

	/**
	 * {@code send(data)}; records {@code ok} or the exception's name.
	 */
	@JsonTypeName("send")
	record Send(Payload data) implements Step {

	}

	/**
	 * {@code close()}, {@code close(code)} or {@code close(code, reason)}; records
	 * {@code ok} or the exception's name.
	 */
	@JsonTypeName("close")
	record Close(@Nullable Integer code, @Nullable String reason) implements Step {

	}

	/**
	 * Assign {@code binaryType}; records the value read back.
	 */
	@JsonTypeName("binaryType")
	record BinaryType(String value) implements Step {

	}

	/**
	 * Read {@code readyState}, {@code bufferedAmount}, {@code protocol},
	 * {@code extensions}, {@code url} or {@code binaryType}.
	 */
	@JsonTypeName("read")
	record Read(String attribute) implements Step {

	}

	/**
	 * {@code addEventListener(type, listener, {once})}, where the listener records
	 * {@code "<label>: <type>"} and is the same function for the same label.
	 */
	@JsonTypeName("addListener")
	record AddListener(String type, String label, boolean once) implements Step {

	}

	/**
	 * {@code removeEventListener(type, listener)} with the listener of the label.
	 */
	@JsonTypeName("removeListener")
	record RemoveListener(String type, String label) implements Step {

	}

	/**
	 * {@code on<type> = ...}: a handler that records {@code "<label>: <type>"}, or
	 * {@code null} when the label is {@code null}.
	 */
	@JsonTypeName("handler")
	record Handler(String type, @Nullable String label) implements Step {

	}

	/**
	 * {@code dispatchEvent(new Event(type))}; records what it returns.
	 */
	@JsonTypeName("dispatch")
	record Dispatch(String type) implements Step {

	}

	/**
	 * A listener, added now, that runs the steps inside the {@code nth} event of the type
	 * (counting from 1).
	 */
	@JsonTypeName("on")
	record On(String type, int nth, List<Step> steps) implements Step {

	}

	/**
	 * What {@link Send} sends. Binary payloads hold the bytes {@code i & 0xFF}.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	sealed interface Payload permits Text, ArrayBuffer, View, Blob {

	}

	/**
	 * A string, {@code value} repeated {@code repeat} times.
	 */
	@JsonTypeName("text")
	record Text(String value, int repeat) implements Payload {

	}

	/**
	 * An {@code ArrayBuffer}; in Java a {@code byte[]}.
	 */
	@JsonTypeName("arraybuffer")
	record ArrayBuffer(int size) implements Payload {

	}

	/**
	 * {@code new Uint8Array(buffer, offset, length)} of a buffer of {@code size} bytes; in
	 * Java {@code ByteBuffer.wrap(bytes, offset, length)}.
	 */
	@JsonTypeName("view")
	record View(int size, int offset, int length) implements Payload {

	}

	/**
	 * A {@code Blob}; in Java an {@code io.github.wsapi.Blob}.
	 */
	@JsonTypeName("blob")
	record Blob(int size) implements Payload {

	}

}
