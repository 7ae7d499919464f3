package dev.tether.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A URL parsed by the WHATWG URL Standard's basic URL parser (§4.4), for the special schemes a
 * WebSocket may use: {@code ws}, {@code wss}, {@code http}, {@code https}. Any other scheme, and
 * a relative URL with no usable base, is an {@link IllegalArgumentException}; so is every
 * input the standard's parser answers with failure. The fragment is kept (the WebSocket
 * constructor refuses it) but never serialised.
 *
 * <p>What differs from the standard: non-ASCII domains go through {@link java.net.IDN} (IDNA
 * 2003) rather than UTS #46, and {@code xn--} labels are not checked.
 *
 * <p>Immutable.
 */
final class WhatwgUrl {
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("ws", 80, "wss", 443, "http", 80, "https", 443);
    private static final int EOF = -1;

    private final String scheme;
    private final String username;
    private final String password;
    private final String host;
    private final int port;
    private final List<String> path;
    private final String query;
    private final String fragment;

    private WhatwgUrl(String scheme, String username, String password, String host, int port,
                      List<String> path, String query, String fragment) {
        this.scheme = scheme;
        this.username = username;
        this.password = password;
        this.host = host;
        this.port = port;
        this.path = List.copyOf(path);
        this.query = query;
        this.fragment = fragment;
    }

    /**
     * Parses {@code input} against {@code base} (which may be {@code null}; it is parsed only when
     * {@code input} is relative).
     */
    static WhatwgUrl parse(String input, String base) {
        return new Parser(Utf16.toScalarValues(input), base).parse();
    }

    String scheme() {
        return scheme;
    }

    /** The serialised host: a domain, a dotted IPv4 address or a bracketed IPv6 address. */
    String host() {
        return host;
    }

    /** The port, or -1 when it is the scheme's default. */
    int port() {
        return port;
    }

    /** The fragment, or {@code null} when the URL has none ({@code ""} for a bare {@code #}). */
    String fragment() {
        return fragment;
    }

    /** The same URL with another special scheme (http becomes ws, and so on). */
    WhatwgUrl withScheme(String newScheme) {
        return new WhatwgUrl(newScheme, username, password, host, port, path, query, fragment);
    }

    /** The URL serialised without its fragment. */
    String serialise() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (!username.isEmpty() || !password.isEmpty()) {
            out.append(username);
            if (!password.isEmpty()) {
                out.append(':').append(password);
            }
            out.append('@');
        }
        out.append(host);
        if (port != -1) {
            out.append(':').append(port);
        }
        for (String segment : path) {
            out.append('/').append(segment);
        }
        if (query != null) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    /** The serialised origin: scheme, host and port (when not the default). */
    String origin() {
        return scheme + "://" + host + (port == -1 ? "" : ":" + port);
    }

    /**
     * The URL as a {@link URI} for a Jakarta container: no user information, and the few ASCII
     * characters the standard leaves alone in paths and queries but {@code java.net.URI} refuses
     * ({@code | [ ] ^ \ { } `}) percent-encoded.
     */
    URI toJavaUri() {
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (port != -1) {
            out.append(':').append(port);
        }
        StringBuilder rest = new StringBuilder();
        for (String segment : path) {
            rest.append('/').append(segment);
        }
        if (query != null) {
            rest.append('?').append(query);
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (isUriSafe(c)) {
                out.append(c);
            } else {
                PercentEncoding.appendEscape(out, c);
            }
        }
        return URI.create(out.toString());
    }

    private static boolean isUriSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
    }

    @Override
    public String toString() {
        return serialise();
    }

    /** One run of the basic URL parser: a pointer over the input and the URL being built. */
    private static final class Parser {
        private final String input;
        private final String baseInput;
        private int p;
        private String scheme;
        private String username = "";
        private String password = "";
        private String host;
        private int port = -1;
        private List<String> path = new ArrayList<>();
        private String query;
        private String fragment;

        Parser(String input, String baseInput) {
            this.input = stripControlsAndSpaces(input);
            this.baseInput = baseInput;
        }

        /** Leading and trailing C0 controls and spaces go, then every tab and newline. */
        private static String stripControlsAndSpaces(String s) {
            int start = 0;
            int end = s.length();
            while (start < end && s.charAt(start) <= 0x20) {
                start++;
            }
            while (end > start && s.charAt(end - 1) <= 0x20) {
                end--;
            }
            StringBuilder out = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                if (c != '\t' && c != '\n' && c != '\r') {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private int c() {
            return p < input.length() ? input.charAt(p) : EOF;
        }

        private int at(int i) {
            return i < input.length() ? input.charAt(i) : EOF;
        }

        WhatwgUrl parse() {
            String found = readScheme();
            if (found != null) {
                scheme = found;
                if (!DEFAULT_PORTS.containsKey(scheme)) {
                    throw new IllegalArgumentException("the scheme must be ws, wss, http or https, not " + scheme);
                }
                WhatwgUrl base = sameSchemeBase();
                if (base != null && !(c() == '/' && at(p + 1) == '/')) {
                    relative(base);
                } else {
                    // Special authority slashes, then any number of slashes or backslashes.
                    skipSlashes();
                    authority();
                }
            } else {
                relative(base());
            }
            return new WhatwgUrl(scheme, username, password, host, port, path, query, fragment);
        }

        /** The scheme, lower case, with the pointer after its colon; or null (pointer unmoved). */
        private String readScheme() {
            if (!isAsciiAlpha(c())) {
                return null;
            }
            int i = p + 1;
            while (i < input.length() && (isAsciiAlphanumeric(input.charAt(i)) || "+-.".indexOf(input.charAt(i)) >= 0)) {
                i++;
            }
            if (at(i) != ':') {
                return null;
            }
            String s = input.substring(p, i).toLowerCase(Locale.ROOT);
            p = i + 1;
            return s;
        }

        private WhatwgUrl sameSchemeBase() {
            if (baseInput == null) {
                return null;
            }
            try {
                WhatwgUrl base = WhatwgUrl.parse(baseInput, null);
                return base.scheme.equals(scheme) ? base : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private WhatwgUrl base() {
            if (baseInput == null) {
                throw new IllegalArgumentException("a relative URL needs a base URL: " + input);
            }
            try {
                return WhatwgUrl.parse(baseInput, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the relative URL " + input + " cannot be resolved against "
                        + baseInput + ": " + e.getMessage(), e);
            }
        }

        private void skipSlashes() {
            while (c() == '/' || c() == '\\') {
                p++;
            }
        }

        /** The relative state and relative slash state, for a special base. */
        private void relative(WhatwgUrl base) {
            scheme = base.scheme;
            int c = c();
            if (c == '/' || c == '\\') {
                p++;
                if (c() == '/' || c() == '\\') {
                    p++;
                    skipSlashes();
                    authority();
                    return;
                }
                copyAuthority(base);
                path();
                return;
            }
            copyAuthority(base);
            path = new ArrayList<>(base.path);
            query = base.query;
            if (c == '?') {
                p++;
                query();
            } else if (c == '#') {
                p++;
                fragment = input.substring(p);
            } else if (c != EOF) {
                query = null;
                if (!path.isEmpty()) {
                    path.remove(path.size() - 1);
                }
                path();
            }
        }

        private void copyAuthority(WhatwgUrl base) {
            username = base.username;
            password = base.password;
            host = base.host;
            port = base.port;
        }

        /** The authority, host and port states, then the path. */
        private void authority() {
            int end = p;
            while (end < input.length() && "/\\?#".indexOf(input.charAt(end)) < 0) {
                end++;
            }
            int at = input.lastIndexOf('@', end - 1);
            int hostStart = p;
            if (at >= p) {
                String credentials = input.substring(p, at);
                int colon = credentials.indexOf(':');
                username = PercentEncoding.USERINFO.encode(colon < 0 ? credentials : credentials.substring(0, colon));
                password = colon < 0 ? "" : PercentEncoding.USERINFO.encode(credentials.substring(colon + 1));
                hostStart = at + 1;
                if (hostStart == end) {
                    throw new IllegalArgumentException("no host after the credentials: " + input);
                }
            }
            hostAndPort(input.substring(hostStart, end));
            p = end;
            path();
        }

        private void hostAndPort(String hostPort) {
            boolean inBrackets = false;
            int colon = -1;
            for (int i = 0; i < hostPort.length(); i++) {
                char ch = hostPort.charAt(i);
                if (ch == '[') {
                    inBrackets = true;
                } else if (ch == ']') {
                    inBrackets = false;
                } else if (ch == ':' && !inBrackets) {
                    colon = i;
                    break;
                }
            }
            String hostText = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (hostText.isEmpty()) {
                throw new IllegalArgumentException("no host in " + input);
            }
            host = UrlHost.parse(hostText);
            if (colon >= 0) {
                port = port(hostPort.substring(colon + 1));
            }
        }

        private int port(String digits) {
            if (digits.isEmpty()) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < digits.length(); i++) {
                char ch = digits.charAt(i);
                if (ch < '0' || ch > '9') {
                    throw new IllegalArgumentException("the port is not a number: " + digits);
                }
                value = value * 10 + (ch - '0');
                if (value > 65535) {
                    throw new IllegalArgumentException("the port is over 65535: " + digits);
                }
            }
            return value == DEFAULT_PORTS.get(scheme) ? -1 : (int) value;
        }

        /** The path start and path states: segments end at / or \, dot segments resolve. */
        private void path() {
            if (c() == '/' || c() == '\\') {
                p++;
            }
            StringBuilder buffer = new StringBuilder();
            while (true) {
                int c = c();
                if (c == EOF || c == '/' || c == '\\' || c == '?' || c == '#') {
                    boolean slash = c == '/' || c == '\\';
                    String segment = buffer.toString();
                    if (isDoubleDot(segment)) {
                        if (!path.isEmpty()) {
                            path.remove(path.size() - 1);
                        }
                        if (!slash) {
                            path.add("");
                        }
                    } else if (isSingleDot(segment)) {
                        if (!slash) {
                            path.add("");
                        }
                    } else {
                        path.add(segment);
                    }
                    buffer.setLength(0);
                    p++;
                    if (c == '?') {
                        query();
                        return;
                    }
                    if (c == '#') {
                        fragment = input.substring(p);
                        return;
                    }
                    if (c == EOF) {
                        return;
                    }
                } else {
                    int cp = input.codePointAt(p);
                    PercentEncoding.PATH.append(buffer, cp);
                    p += Character.charCount(cp);
                }
            }
        }

        private void query() {
            int hash = input.indexOf('#', p);
            String raw = hash < 0 ? input.substring(p) : input.substring(p, hash);
            query = PercentEncoding.SPECIAL_QUERY.encode(raw);
            if (hash >= 0) {
                fragment = input.substring(hash + 1);
            }
            p = input.length();
        }

        private static boolean isSingleDot(String segment) {
            return segment.equals(".") || segment.equalsIgnoreCase("%2e");
        }

        private static boolean isDoubleDot(String segment) {
            String s = segment.toLowerCase(Locale.ROOT);
            return s.equals("..") || s.equals(".%2e") || s.equals("%2e.") || s.equals("%2e%2e");
        }

        private static boolean isAsciiAlpha(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }

        private static boolean isAsciiAlphanumeric(int c) {
            return isAsciiAlpha(c) || (c >= '0' && c <= '9');
        }
    }
}
