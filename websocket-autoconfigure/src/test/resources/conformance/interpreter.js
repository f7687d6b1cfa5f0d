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


// Plays a scenario document (see Scenario.java) against the browser's own WebSocket, line for
// line as JavaInterpreter plays it against io.github.wsapi.WebSocket: the two are twins.
globalThis.conformance = (() => {
	'use strict';

	const TIMEOUT_MS = 10000;
	const SETTLE_MS = 50;
	const EVENT_TYPES = ['open', 'message', 'error', 'close'];
	const MAX_TEXT_SHOWN = 64;

	// printable ASCII stays, everything else (controls, non-ASCII, each surrogate) as \uXXXX
	function escape(text) {
		return text.replace(/[^\x20-\x7e]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
	}

	// FNV-1a, 32 bits: a fingerprint of long data that JavaInterpreter computes the same way
	function fnv(length, unitAt) {
		let hash = 0x811c9dc5;
		for (let i = 0; i < length; i++) {
			hash = Math.imul(hash ^ unitAt(i), 0x01000193);
		}
		return (hash >>> 0).toString(16).padStart(8, '0');
	}

	function pattern(size) {
		const bytes = new Uint8Array(size);
		for (let i = 0; i < size; i++) {
			bytes[i] = i & 0xff;
		}
		return bytes;
	}

	function payload(data) {
		switch (data.kind) {
			case 'text': return data.value.repeat(data.repeat);
			case 'arraybuffer': return pattern(data.size).buffer;
			case 'view': return new Uint8Array(pattern(data.size).buffer, data.offset, data.length);
			case 'blob': return new Blob([pattern(data.size)]);
			default: throw new Error('Unknown payload ' + data.kind);
		}
	}

	function payloadLabel(data) {
		switch (data.kind) {
			case 'text': return 'text:' + escape(data.value) + (data.repeat > 1 ? ' x' + data.repeat : '');
			case 'arraybuffer': return 'arraybuffer:' + data.size;
			case 'view': return `view:${data.offset}+${data.length}/${data.size}`;
			default: return 'blob:' + data.size;
		}
	}

	function closeLabel(step) {
		if (step.code === null) {
			return 'close()';
		}
		if (step.reason === null) {
			return `close(${step.code})`;
		}
		const reason = step.reason.length <= MAX_TEXT_SHOWN ? `"${escape(step.reason)}"` : `<${step.reason.length} chars>`;
		return `close(${step.code}, ${reason})`;
	}

	function urlLabel(what, step) {
		return `${what}(${escape(step.url)}, [${step.protocols.map((protocol) => `"${escape(protocol)}"`).join(',')}])`;
	}

	function describe(data) {
		if (typeof data === 'string') {
			return data.length <= MAX_TEXT_SHOWN ? 'text:' + escape(data)
				: `text(${data.length} chars, fnv=${fnv(data.length, (i) => data.charCodeAt(i))})`;
		}
		if (data instanceof Blob) {
			return 'blob:' + data.size;
		}
		const bytes = new Uint8Array(data);
		return `arraybuffer:${bytes.length} fnv=${fnv(bytes.length, (i) => bytes[i])}`;
	}

	function outcome(action) {
		try {
			action();
			return 'ok';
		}
		catch (e) {
			return e.name;
		}
	}

	function run(scenario) {
		return new Promise((resolve) => {
			const transcript = [];
			const record = (line) => transcript.push(line);
			let socket = null;
			let done = false;
			const finish = () => {
				if (!done) {
					done = true;
					clearTimeout(timeout);
					resolve(transcript.slice());
				}
			};
			const timeout = setTimeout(() => {
				record('timeout');
				socket.close();
				finish();
			}, TIMEOUT_MS);

			const recordEvent = (ws, event) => {
				let line = `${event.type} rs=${ws.readyState}`;
				if (event instanceof MessageEvent) {
					line += ` origin=${event.origin} ${describe(event.data)}`;
				}
				if (event instanceof CloseEvent) {
					line += ` code=${event.code} reason=${escape(event.reason)} clean=${event.wasClean}`;
				}
				record(line);
				if (event instanceof CloseEvent) {
					setTimeout(finish, SETTLE_MS);
				}
			};
			const recorder = (label) => (label !== null ? (event) => record(`${label}: ${event.type}`) : null);
			const listeners = new Map();
			const listener = (label) => {
				if (!listeners.has(label)) {
					listeners.set(label, recorder(label));
				}
				return listeners.get(label);
			};

			const execute = (step) => {
				switch (step.op) {
					case 'construct': {
						const label = urlLabel('new', step);
						let ws;
						try {
							ws = new WebSocket(step.url, step.protocols);
						}
						catch (e) {
							record(`${label} -> ${e.name}`);
							return;
						}
						socket = ws;
						record(`${label} -> ok`);
						EVENT_TYPES.forEach((type) => ws.addEventListener(type, (event) => recordEvent(ws, event)));
						return;
					}
					case 'probe': {
						const label = urlLabel('probe', step);
						try {
							const probed = new WebSocket(step.url, step.protocols);
							record(`${label} -> ${escape(probed.url)}`);
							probed.close();
						}
						catch (e) {
							record(`${label} -> ${e.name}`);
						}
						return;
					}
					case 'send':
						record(`send(${payloadLabel(step.data)}) -> ${outcome(() => socket.send(payload(step.data)))}`);
						return;
					case 'close':
						record(`${closeLabel(step)} -> ${outcome(() => {
							if (step.code === null) {
								socket.close();
							}
							else if (step.reason === null) {
								socket.close(step.code);
							}
							else {
								socket.close(step.code, step.reason);
							}
						})}`);
						return;
					case 'binaryType':
						socket.binaryType = step.value;
						record(`binaryType := ${escape(step.value)} -> ${socket.binaryType}`);
						return;
					case 'read':
						record(`${step.attribute}=${escape(String(socket[step.attribute]))}`);
						return;
					case 'addListener':
						socket.addEventListener(step.type, listener(step.label), { once: step.once });
						return;
					case 'removeListener':
						socket.removeEventListener(step.type, listener(step.label));
						return;
					case 'handler':
						socket['on' + step.type] = recorder(step.label);
						return;
					case 'dispatch':
						record(`dispatch(${step.type}) -> ${socket.dispatchEvent(new Event(step.type))}`);
						return;
					case 'on': {
						let seen = 0;
						socket.addEventListener(step.type, () => {
							if (++seen === step.nth) {
								step.steps.forEach(execute);
							}
						});
						return;
					}
					default:
						throw new Error('Unknown step ' + step.op);
				}
			};

			scenario.steps.forEach(execute);
			if (socket === null) {
				finish();
			}
		});
	}

	return { run };
})();
