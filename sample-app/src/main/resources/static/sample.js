"use strict";

const READY_STATES = ["CONNECTING", "OPEN", "CLOSING", "CLOSED"];
const LOG_LIMIT = 200;
const BURST = { messages: 16, bytes: 64 * 1024 };

function endpointUrl(path) {
	const scheme = location.protocol === "https:" ? "wss:" : "ws:";
	return `${scheme}//${location.host}${path}`;
}

function describe(data) {
	if (typeof data === "string") {
		return data;
	}
	const preview = data.byteLength <= 64 ? `: ${new TextDecoder().decode(data)}` : "";
	return `binary, ${data.byteLength.toLocaleString("en")} bytes${preview}`;
}

// One section of the page: a browser WebSocket to an endpoint, its event log and its state.
function panel(id, path) {
	const section = document.getElementById(id);
	const log = section.querySelector(".log");
	const readyState = section.querySelector(".ready-state");
	const bufferedAmount = section.querySelector(".buffered-amount");
	const toggle = section.querySelector(".toggle");
	let socket;

	function print(text, kind) {
		const item = document.createElement("li");
		item.className = kind;
		item.textContent = text;
		log.append(item);
		if (log.children.length > LOG_LIMIT) {
			log.firstElementChild.remove();
		}
		log.scrollTop = log.scrollHeight;
	}

	function connect() {
		socket = new WebSocket(endpointUrl(path));
		socket.binaryType = "arraybuffer";
		socket.addEventListener("open", () => print(`open: ${socket.url}`, "event"));
		socket.addEventListener("message", (event) => print(`← ${describe(event.data)}`, "in"));
		socket.addEventListener("error", () => print("error", "event"));
		socket.addEventListener("close", (event) => print(
			`close: code ${event.code} ${event.reason}${event.wasClean ? "" : " (not clean)"}`, "event"));
	}

	// send() throws InvalidStateError while CONNECTING: show it in the log
	function send(data) {
		try {
			socket.send(data);
			return true;
		}
		catch (error) {
			print(`send() threw ${error.name}: ${error.message}`, "event");
			return false;
		}
	}

	// bufferedAmount changes without an event, so it is read on every frame
	function render() {
		const state = READY_STATES[socket.readyState];
		readyState.textContent = `${socket.readyState} ${state}`;
		readyState.dataset.state = state;
		bufferedAmount.textContent = socket.bufferedAmount.toLocaleString("en");
		toggle.textContent = socket.readyState === WebSocket.CLOSED ? "Connect" : "Close";
		requestAnimationFrame(render);
	}

	toggle.addEventListener("click", () => {
		if (socket.readyState === WebSocket.CLOSED) {
			connect();
		}
		else {
			socket.close(1000, "Closed from the page");
		}
	});
	connect();
	render();
	return { print, send, bufferedAmount: () => socket.bufferedAmount };
}

const chat = panel("chat", "/chat");
const chatForm = document.querySelector("#chat form");
const author = chatForm.elements.namedItem("author");
author.value = `guest-${Math.floor(100 + Math.random() * 900)}`;
chatForm.addEventListener("submit", (event) => {
	event.preventDefault();
	const text = chatForm.elements.namedItem("text");
	// no local echo: the server broadcasts the message back to its sender too
	if (chat.send(`${author.value}: ${text.value}`)) {
		text.value = "";
	}
});

const echo = panel("echo", "/echo");
const echoForm = document.querySelector("#echo form");
const echoText = echoForm.elements.namedItem("text");
echoForm.addEventListener("submit", (event) => {
	event.preventDefault();
	if (echo.send(echoText.value)) {
		echo.print(`→ ${echoText.value} (bufferedAmount ${echo.bufferedAmount()})`, "out");
	}
});
echoForm.querySelector(".binary").addEventListener("click", () => {
	const bytes = new TextEncoder().encode(echoText.value);
	if (echo.send(bytes)) {
		echo.print(`→ ${describe(bytes)} (bufferedAmount ${echo.bufferedAmount()})`, "out");
	}
});
echoForm.querySelector(".burst").addEventListener("click", () => {
	for (let i = 0; i < BURST.messages; i++) {
		echo.send(new Uint8Array(BURST.bytes));
	}
	echo.print(`→ ${BURST.messages} binary messages of ${BURST.bytes / 1024} KiB `
		+ `(bufferedAmount ${echo.bufferedAmount().toLocaleString("en")})`, "out");
});
