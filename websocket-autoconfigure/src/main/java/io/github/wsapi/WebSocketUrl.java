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
import java.math.BigInteger;
import java.net.IDN;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The URL of a {@link WebSocket}, parsed as the browser's {@code WebSocket} constructor
 * does: the <a href="https://url.spec.whatwg.org/#concept-basic-url-parser">WHATWG URL
 * parser</a> without a base URL, then {@code http} and {@code https} mapped to {@code ws}
 * and {@code wss}, and any other scheme or any fragment rejected. Every failure is a
 * {@code SyntaxError} {@link DOMException}.
 * <p>
 * Only the special-scheme subset of the WHATWG state machine is implemented, as a split
 * into components rather than a code point loop; the comments name the states each step
 * stands for. International domain names go through {@link IDN} (IDNA2003) rather than
 * UTS #46, which differ for a few code points such as {@code ß}.
 *
 * @author wsapi contributors
 * @since 0.1.0
 */
final class WebSocketUrl {

	// Percent-encode sets, each on top of the C0 control set (C0 controls and above '~')
	private static final String SPECIAL_QUERY_SET = " \"#<>'";

	// With '^' since whatwg/url#846 (2025), as browsers do
	private static final String PATH_SET = " \"#<>?^`{}";

	private static final String USERINFO_SET = PATH_SET + "/:;=@[\\]|";

	// Forbidden domain code points, on top of C0 controls, space and U+007F
	private static final String FORBIDDEN_DOMAIN_CODE_POINTS = "#%/:<>?@[\\]^|";

	// What java.net.URI accepts unescaped besides ASCII alphanumerics; also covers hosts
	private static final String URI_PATH_CHARS = "-_.!~*'():@&=+$,;/";

	private static final String URI_QUERY_CHARS = URI_PATH_CHARS + "?[]";

	// Scheme start and scheme states, up to the ':'
	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

	private static final String DOTTED_DECIMAL = "((0|[1-9][0-9]{0,2})\\.){3}(0|[1-9][0-9]{0,2})";

	private static final long IPV4_LIMIT = 1L << 32;

	private final String scheme;

	private final @Nullable String userInfo;

	private final String host;

	private final int port;

	private final String path;

	private final @Nullable String query;

	private final String href;

	private WebSocketUrl(String scheme, @Nullable String userInfo, String host, int port, String path,
			@Nullable String query) {
		this.scheme = scheme;
		this.userInfo = userInfo;
		this.host = host;
		this.port = port;
		this.path = path;
		this.query = query;
		this.href = scheme + "://" + ((userInfo != null) ? userInfo + "@" : "") + hostAndPort() + resourceName();
	}

	/**
	 * Parse the given URL as the {@code WebSocket} constructor does.
	 * @param input the URL, as passed to {@code new WebSocket(url)}
	 * @return the parsed URL
	 * @throws DOMException a {@code SyntaxError} if the URL is invalid, relative, has a
	 * fragment or a scheme other than {@code ws}, {@code wss}, {@code http} or
	 * {@code https}
	 */
	static WebSocketUrl parse(String input) {
		// trim() strips exactly the leading and trailing C0 controls and spaces
		String url = toScalarValues(input).trim().replaceAll("[\t\n\r]", "");
		Matcher schemeMatcher = SCHEME.matcher(url);
		if (!schemeMatcher.lookingAt()) {
			throw DOMException.syntaxError("The URL is not absolute: it has no scheme");
		}
		int colon = schemeMatcher.end() - 1;
		// Mapping first is safe: ws and wss have the default ports of http and https
		String scheme = switch (url.substring(0, colon).toLowerCase(Locale.ROOT)) {
			case "ws", "http" -> "ws";
			case "wss", "https" -> "wss";
			// Not echoed: in "alice:secret@example.com" the scheme is the username
			default -> throw DOMException.syntaxError("The URL's scheme must be 'ws', 'wss', 'http' or 'https'");
		};
		// Special authority (ignore) slashes states: skip any run of '/' and '\'
		int start = colon + 1;
		while (start < url.length() && isSlash(url.charAt(start))) {
			start++;
		}
		int end = indexOfAny(url, "/\\?#", start);
		String authority = url.substring(start, end);
		int at = authority.lastIndexOf('@');
		String userInfo = (at != -1) ? parseUserInfo(authority.substring(0, at)) : null;
		String hostAndPort = authority.substring(at + 1);
		int portColon = portColon(hostAndPort);
		String host = parseHost((portColon != -1) ? hostAndPort.substring(0, portColon) : hostAndPort);
		int port = (portColon != -1) ? parsePort(hostAndPort.substring(portColon + 1), scheme) : -1;
		String rest = url.substring(end);
		if (rest.indexOf('#') != -1) {
			throw DOMException.syntaxError("The URL must not have a fragment");
		}
		int question = rest.indexOf('?');
		String path = parsePath((question != -1) ? rest.substring(0, question) : rest);
		String query = (question != -1) ? percentEncode(rest.substring(question + 1), SPECIAL_QUERY_SET) : null;
		return new WebSocketUrl(scheme, userInfo, host, port, path, query);
	}

	// WebIDL USVString conversion
	private static String toScalarValues(String input) {
		StringBuilder result = new StringBuilder(input.length());
		input.codePoints()
			.map((cp) -> (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) ? 0xFFFD : cp)
			.forEach(result::appendCodePoint);
		return result.toString();
	}

	// Authority state: what precedes the last '@', split at the first ':'
	private static @Nullable String parseUserInfo(String userInfo) {
		int colon = userInfo.indexOf(':');
		String username = percentEncode((colon != -1) ? userInfo.substring(0, colon) : userInfo, USERINFO_SET);
		String password = (colon != -1) ? percentEncode(userInfo.substring(colon + 1), USERINFO_SET) : "";
		if (password.isEmpty()) {
			return (!username.isEmpty()) ? username : null;
		}
		return username + ":" + password;
	}

	// Host state: the first ':' outside brackets starts the port
	private static int portColon(String hostAndPort) {
		boolean insideBrackets = false;
		for (int i = 0; i < hostAndPort.length(); i++) {
			char c = hostAndPort.charAt(i);
			if (c == ':' && !insideBrackets) {
				return i;
			}
			insideBrackets = (c == '[') || (insideBrackets && c != ']');
		}
		return -1;
	}

	// Port state: -1 stands for no port, which the default port also becomes
	private static int parsePort(String digits, String scheme) {
		if (!digits.matches("[0-9]*")) {
			throw DOMException.syntaxError("The URL's port is not a number");
		}
		if (digits.isEmpty()) {
			return -1;
		}
		BigInteger port = new BigInteger(digits);
		if (port.compareTo(BigInteger.valueOf(65535)) > 0) {
			throw DOMException.syntaxError("The URL's port is out of range");
		}
		return (port.intValue() != defaultPort(scheme)) ? port.intValue() : -1;
	}

	// Path start and path states for a special URL; the query and fragment are cut off
	private static String parsePath(String input) {
		String path = (!input.isEmpty() && isSlash(input.charAt(0))) ? input.substring(1) : input;
		String[] buffers = path.split("[/\\\\]", -1);
		List<String> segments = new ArrayList<>();
		for (int i = 0; i < buffers.length; i++) {
			String segment = percentEncode(buffers[i], PATH_SET);
			String dots = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
			if (dots.equals("..") && !segments.isEmpty()) {
				segments.remove(segments.size() - 1);
			}
			if (!dots.equals(".") && !dots.equals("..")) {
				segments.add(segment);
			}
			else if (i == buffers.length - 1) {
				// A trailing dot segment still leaves a trailing slash
				segments.add("");
			}
		}
		return "/" + String.join("/", segments);
	}

	private static String parseHost(String input) {
		if (input.isEmpty()) {
			throw DOMException.syntaxError("The URL has no host");
		}
		if (input.startsWith("[")) {
			if (!input.endsWith("]")) {
				throw invalidHost();
			}
			return "[" + serializeIpv6(parseIpv6(input.substring(1, input.length() - 1))) + "]";
		}
		String asciiDomain = domainToAscii(new String(percentDecode(input), StandardCharsets.UTF_8));
		for (int i = 0; i < asciiDomain.length(); i++) {
			char c = asciiDomain.charAt(i);
			if (c <= ' ' || c == 0x7F || FORBIDDEN_DOMAIN_CODE_POINTS.indexOf(c) != -1) {
				throw invalidHost();
			}
		}
		return endsInNumber(asciiDomain) ? serializeIpv4(parseIpv4(asciiDomain)) : asciiDomain;
	}

	private static byte[] percentDecode(String input) {
		byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream result = new ByteArrayOutputStream();
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '%' && i + 2 < bytes.length && hexValue(bytes[i + 1]) != -1
					&& hexValue(bytes[i + 2]) != -1) {
				result.write(hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2]));
				i += 2;
			}
			else {
				result.write(bytes[i]);
			}
		}
		return result.toByteArray();
	}

	// Label by label, so that IDN neither rejects the empty or long ASCII labels that
	// UTS #46 allows nor sees the ASCII ones, which only need lower-casing
	private static String domainToAscii(String domain) {
		List<String> labels = new ArrayList<>();
		for (String label : domain.split("[.\u3002\uFF0E\uFF61]", -1)) {
			try {
				labels.add(label.chars().allMatch((c) -> c < 0x80) ? label : IDN.toASCII(label, IDN.ALLOW_UNASSIGNED));
			}
			catch (IllegalArgumentException ex) {
				throw invalidHost();
			}
		}
		String result = String.join(".", labels).toLowerCase(Locale.ROOT);
		if (result.isEmpty()) {
			throw invalidHost();
		}
		return result;
	}

	private static boolean endsInNumber(String domain) {
		List<String> parts = ipv4Parts(domain);
		String last = parts.get(parts.size() - 1);
		return last.matches("[0-9]+") || parseIpv4Number(last) != -1;
	}

	private static long parseIpv4(String input) {
		List<String> parts = ipv4Parts(input);
		if (parts.size() > 4) {
			throw invalidHost();
		}
		long ipv4 = 0;
		for (int i = 0; i < parts.size(); i++) {
			long number = parseIpv4Number(parts.get(i));
			boolean last = i == parts.size() - 1;
			if (number == -1 || (!last && number > 255) || (last && number >= 1L << (8 * (5 - parts.size())))) {
				throw invalidHost();
			}
			ipv4 += last ? number : number << (8 * (3 - i));
		}
		return ipv4;
	}

	// Split on '.', less one trailing empty part: "127.0.0.1." is an IPv4 address too
	private static List<String> ipv4Parts(String input) {
		List<String> parts = new ArrayList<>(Arrays.asList(input.split("\\.", -1)));
		if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
			parts.remove(parts.size() - 1);
		}
		return parts;
	}

	// Decimal, octal ("017") or hex ("0x1F"); -1 for failure; values above 2^32 are
	// clamped since they all fail alike
	private static long parseIpv4Number(String input) {
		boolean hex = input.startsWith("0x") || input.startsWith("0X");
		boolean octal = !hex && input.length() >= 2 && input.startsWith("0");
		int radix = hex ? 16 : (octal ? 8 : 10);
		String digits = input.substring(hex ? 2 : (octal ? 1 : 0));
		if (input.isEmpty() || !digits.chars().allMatch((c) -> hexValue(c) != -1 && hexValue(c) < radix)) {
			return -1;
		}
		return digits.isEmpty() ? 0 : new BigInteger(digits, radix).min(BigInteger.valueOf(IPV4_LIMIT)).longValue();
	}

	private static String serializeIpv4(long address) {
		return (address >> 24) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "."
				+ (address & 0xFF);
	}

	// Equivalent to the IPv6 parser's code point loop: at most one "::", standing for
	// at least one zero piece, and an IPv4 address allowed only at the very end
	private static int[] parseIpv6(String input) {
		int compress = input.indexOf("::");
		if (compress != -1 && input.indexOf("::", compress + 1) != -1) {
			throw invalidHost();
		}
		List<Integer> head = ipv6Pieces((compress != -1) ? input.substring(0, compress) : input, compress == -1);
		List<Integer> tail = (compress != -1) ? ipv6Pieces(input.substring(compress + 2), true) : List.of();
		int zeros = 8 - head.size() - tail.size();
		if ((compress == -1) ? zeros != 0 : zeros < 1) {
			throw invalidHost();
		}
		int[] address = new int[8];
		for (int i = 0; i < head.size(); i++) {
			address[i] = head.get(i);
		}
		for (int i = 0; i < tail.size(); i++) {
			address[zeros + head.size() + i] = tail.get(i);
		}
		return address;
	}

	private static List<Integer> ipv6Pieces(String input, boolean atEnd) {
		List<Integer> pieces = new ArrayList<>();
		String[] parts = input.isEmpty() ? new String[0] : input.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			if (parts[i].matches("[0-9a-fA-F]{1,4}")) {
				pieces.add(Integer.parseInt(parts[i], 16));
			}
			else if (atEnd && i == parts.length - 1 && parts[i].matches(DOTTED_DECIMAL)) {
				long ipv4 = parseIpv4(parts[i]);
				pieces.add((int) (ipv4 >> 16));
				pieces.add((int) (ipv4 & 0xFFFF));
			}
			else {
				throw invalidHost();
			}
		}
		return pieces;
	}

	private static String serializeIpv6(int[] address) {
		// Compress the first longest run of two or more zero pieces
		int compress = -1;
		int compressLength = 1;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && address[i + length] == 0) {
				length++;
			}
			if (length > compressLength) {
				compress = i;
				compressLength = length;
			}
		}
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == compress) {
				result.append((i == 0) ? "::" : ":");
				i += compressLength - 1;
				continue;
			}
			result.append(Integer.toHexString(address[i])).append((i != 7) ? ":" : "");
		}
		return result.toString();
	}

	private static String percentEncode(String input, String set) {
		StringBuilder result = new StringBuilder();
		input.codePoints().forEach((cp) -> {
			if (cp < 0x20 || cp > 0x7E || set.indexOf(cp) != -1) {
				for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
					result.append(String.format("%%%02X", b & 0xFF));
				}
			}
			else {
				result.append((char) cp);
			}
		});
		return result.toString();
	}

	// java.net.URI rejects some ASCII that WHATWG URLs keep, such as '|' or a lone '%'
	private static String uriEscape(String component, String allowed) {
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < component.length(); i++) {
			char c = component.charAt(i);
			boolean escape = c == '%' && i + 2 < component.length() && hexValue(component.charAt(i + 1)) != -1
					&& hexValue(component.charAt(i + 2)) != -1;
			boolean keep = (c < 0x80 && Character.isLetterOrDigit(c)) || allowed.indexOf(c) != -1 || escape;
			result.append(keep ? String.valueOf(c) : String.format("%%%02X", (int) c));
		}
		return result.toString();
	}

	private static int indexOfAny(String s, String chars, int from) {
		for (int i = from; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) != -1) {
				return i;
			}
		}
		return s.length();
	}

	private static int hexValue(int c) {
		return (c >= 0 && c < 0x80) ? Character.digit(c, 16) : -1;
	}

	private static boolean isSlash(char c) {
		return c == '/' || c == '\\';
	}

	private static int defaultPort(String scheme) {
		return "wss".equals(scheme) ? 443 : 80;
	}

	private static DOMException invalidHost() {
		return DOMException.syntaxError("The URL's host is invalid");
	}

	private String hostAndPort() {
		return this.host + ((this.port != -1) ? ":" + this.port : "");
	}

	String href() {
		return this.href;
	}

	String scheme() {
		return this.scheme;
	}

	boolean secure() {
		return "wss".equals(this.scheme);
	}

	String host() {
		return this.host;
	}

	/**
	 * Return the port to connect to: the URL's port, else 80 for {@code ws} and 443 for
	 * {@code wss}.
	 * @return the port
	 */
	int port() {
		return (this.port != -1) ? this.port : defaultPort(this.scheme);
	}

	/**
	 * Return the resource name of the opening handshake, such as {@code "/chat?x=1"}.
	 * @return the path, and the query if there is one
	 */
	String resourceName() {
		return this.path + ((this.query != null) ? "?" + this.query : "");
	}

	/**
	 * Return the user info, percent-encoded as in {@link #href()}.
	 * @return {@code "user:pass"}, {@code "user"} or {@code ":pass"}, or {@code null} if
	 * there are no credentials
	 */
	@Nullable String userInfo() {
		return this.userInfo;
	}

	/**
	 * Return the serialized origin, such as {@code "wss://example.com:8443"}.
	 * @return the origin
	 */
	String origin() {
		return this.scheme + "://" + hostAndPort();
	}

	/**
	 * Return the URL without user info as a {@link URI}. Characters that WHATWG URLs keep
	 * but {@link URI} rejects, such as {@code |}, are percent-encoded. Hosts that are not
	 * RFC 2396 host names, such as {@code my_host}, leave {@link URI#getHost()}
	 * {@code null} and {@link URI#getPort()} -1: connect to {@link #host()} and
	 * {@link #port()}.
	 * @return the URI to request
	 */
	URI requestUri() {
		String host = this.host.startsWith("[") ? this.host : uriEscape(this.host, URI_PATH_CHARS);
		String query = (this.query != null) ? "?" + uriEscape(this.query, URI_QUERY_CHARS) : "";
		return URI.create(this.scheme + "://" + host + ((this.port != -1) ? ":" + this.port : "")
				+ uriEscape(this.path, URI_PATH_CHARS) + query);
	}

	/**
	 * Return the URL fit for logs and metrics: without user info and query.
	 * @return the scheme, host, port and path
	 */
	String redacted() {
		return origin() + this.path;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof WebSocketUrl that && this.href.equals(that.href));
	}

	@Override
	public int hashCode() {
		return this.href.hashCode();
	}

	@Override
	public String toString() {
		return redacted();
	}

}
