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

package io.github.wsapi.metrics;

/**
 * The class of a close code, the tag that stands for it: peers choose close codes, and
 * any of the 4,000 codes may arrive, so a code itself would make too many time series.
 *
 * @author wsapi contributors
 */
enum CloseCodeClass {

	/** 1000 and 1005: a clean close, with or without a code. */
	NORMAL("normal"),

	/** 1001: a server shutting down or a page going away. */
	GOING_AWAY("going.away"),

	/**
	 * 1002, 1003, 1007 and 1010: the peer broke the protocol or sent what is not
	 * understood.
	 */
	PROTOCOL("protocol"),

	/** 1008 and 1009: a policy, such as a message size limit, was violated. */
	POLICY("policy"),

	/** 3000 to 4999: codes of libraries and applications. */
	APPLICATION("application"),

	/** 1006 and 1015: the connection was lost or failed, without a closing handshake. */
	ABNORMAL("abnormal"),

	/** Any other code, such as 1011 (server error) or 1012 (service restart). */
	OTHER("other");

	private final String tagValue;

	CloseCodeClass(String tagValue) {
		this.tagValue = tagValue;
	}

	String tagValue() {
		return this.tagValue;
	}

	static CloseCodeClass of(int code) {
		return switch (code) {
			case 1000, 1005 -> NORMAL;
			case 1001 -> GOING_AWAY;
			case 1002, 1003, 1007, 1010 -> PROTOCOL;
			case 1008, 1009 -> POLICY;
			case 1006, 1015 -> ABNORMAL;
			default -> (code >= 3000 && code <= 4999) ? APPLICATION : OTHER;
		};
	}

}
