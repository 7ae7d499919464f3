package dev.tether.endpoint;

import jakarta.websocket.DeploymentException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server endpoint path: a relative URI or a level-1 URI template such as
 * {@code /rooms/{room}/users/{user}} (Jakarta WebSocket 2.2 §3.1.1, §4.1.1; RFC 6570 level 1).
 *
 * <h2>What {@link #parse} accepts</h2>
 * <ul>
 *   <li>The path starts with {@code '/'}; relative paths and the empty string are rejected.</li>
 *   <li>No empty segment ({@code "//"}), except a single trailing {@code '/'}: {@code "/"} and
 *       {@code "/a/b/"} are valid, and the trailing slash is significant ({@code "/a/b/"} matches
 *       only {@code "/a/b/"}, as the spec's first example says).</li>
 *   <li>No dot segments ({@code "/./"}, {@code "/../"}, nor a final {@code "/."} or {@code "/.."}).</li>
 *   <li>A variable replaces a whole segment and is written {@code {name}}; the name is letters,
 *       digits, {@code '_'}, {@code '-'} and {@code '.'} (the spec's own examples use
 *       {@code {guest-id}}, so {@code '-'} is allowed although RFC 6570 does not list it).
 *       {@code "/a/b{c}"}, {@code "/a/{b"}, {@code "/a/{}"} and {@code "/a/{b*}"} are rejected.</li>
 *   <li>A name is used at most once.</li>
 *   <li>Literal segments hold RFC 3986 path characters (unreserved, sub-delims, {@code ':'},
 *       {@code '@'}), valid percent escapes, or non-ASCII characters (treated as their UTF-8
 *       percent-encoding); no query ({@code '?'}) or fragment ({@code '#'}).</li>
 * </ul>
 *
 * <h2>Matching</h2>
 * Paths are compared in RFC 3986 §6.2.2 normal form: percent escapes of unreserved characters
 * are decoded, other escapes get upper-case hex digits, non-ASCII and other characters that are
 * not allowed raw in a segment are percent-encoded as UTF-8, and dot segments of the request
 * path are resolved. A variable matches exactly one non-empty segment; its value is handed out
 * <em>percent-decoded</em> (UTF-8), because {@code @PathParam} and
 * {@code Session.getPathParameters()} give the application the segment's value, not its
 * encoding: {@code /a/{v}} against {@code /a/x%20y} gives {@code v = "x y"}, and against
 * {@code /a/x%2Fy} gives {@code "x/y"} (the path is split before decoding). A request path whose
 * escapes are malformed or whose variable values are not valid UTF-8 matches nothing.
 *
 * <p>The path given to {@link #match} is the raw (still encoded) path of the request URI
 * without its query string; anything from the first {@code '?'} or {@code '#'} is ignored.
 *
 * <p>Immutable and thread-safe. {@link #equals} compares the template text; two different
 * texts may still be {@link #isEquivalentTo equivalent} (same shape, other variable names).
 */
public final class UriTemplate {
    /** Stands for a variable segment in the equivalence key; cannot occur in a normalized literal. */
    private static final String VARIABLE_MARK = "{}";

    private final String template;
    /** Normalized literal text per segment, {@code null} where the segment is a variable. */
    private final String[] literals;
    /** Variable name per segment, {@code null} where the segment is a literal. */
    private final String[] variables;
    private final Set<String> variableNames;
    /** The template with every variable replaced by {@code {}}: equal keys, equivalent templates. */
    private final String equivalenceKey;

    private UriTemplate(String template, String[] literals, String[] variables, Set<String> names) {
        this.template = template;
        this.literals = literals;
        this.variables = variables;
        this.variableNames = names;
        StringBuilder key = new StringBuilder(template.length());
        for (String literal : literals) {
            key.append('/').append(literal == null ? VARIABLE_MARK : literal);
        }
        this.equivalenceKey = key.toString();
    }

    /**
     * Validates and parses an endpoint path.
     *
     * @param template the value of {@code @ServerEndpoint} or {@code ServerEndpointConfig.getPath()}
     * @return the parsed template
     * @throws DeploymentException naming the path and the rule it breaks
     */
    public static UriTemplate parse(String template) throws DeploymentException {
        if (template == null) {
            throw new DeploymentException("Endpoint path is missing (null)");
        }
        if (template.isEmpty() || template.charAt(0) != '/') {
            throw invalid(template, "it must start with '/'");
        }
        String[] segments = template.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] variables = new String[segments.length];
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                if (i != segments.length - 1) {
                    throw invalid(template, "it must not contain an empty segment '//'");
                }
                literals[i] = "";
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
                String name = variableName(template, segment);
                if (!names.add(name)) {
                    throw invalid(template, "variable {" + name + "} is used more than once");
                }
                variables[i] = name;
            } else {
                if (segment.equals(".") || segment.equals("..")) {
                    throw invalid(template, "it must not contain the dot segment '" + segment + "'");
                }
                checkLiteralCharacters(template, segment);
                String normalized = normalizeSegment(segment);
                if (normalized.equals(".") || normalized.equals("..")) {
                    throw invalid(template, "it must not contain the dot segment '" + segment + "'");
                }
                literals[i] = normalized;
            }
        }
        return new UriTemplate(template, literals, variables, Collections.unmodifiableSet(names));
    }

    /** The name of a segment that must be a whole-segment variable {@code {name}}. */
    private static String variableName(String template, String segment) throws DeploymentException {
        int last = segment.length() - 1;
        if (last < 1 || segment.charAt(0) != '{' || segment.charAt(last) != '}'
                || segment.indexOf('{', 1) >= 0 || segment.indexOf('}') != last) {
            throw invalid(template, "segment '" + segment
                    + "' must be either a literal or a whole-segment variable {name}");
        }
        String name = segment.substring(1, last);
        if (name.isEmpty()) {
            throw invalid(template, "variable name in '{}' is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!ok) {
                throw invalid(template, "variable name '" + name
                        + "' may only contain letters, digits, '_', '-' and '.'");
            }
        }
        return name;
    }

    /** The template text exactly as given to {@link #parse}. */
    public String template() {
        return template;
    }

    /** The variable names in the order they appear; unmodifiable, empty for a plain path. */
    public Set<String> variableNames() {
        return variableNames;
    }

    /** Whether this template has no variables, so only one path (in normal form) matches it. */
    public boolean isExact() {
        return variableNames.isEmpty();
    }

    /** The number of {@code '/'}-separated segments ({@code "/"} has one, empty, segment). */
    public int segmentCount() {
        return literals.length;
    }

    /**
     * Whether both templates match the same paths: same segments, variables in the same places,
     * whatever the variables are named ({@code /a/{x}} and {@code /a/{y}} are equivalent). An
     * application must not deploy two equivalent paths (spec §3.1.1).
     */
    public boolean isEquivalentTo(UriTemplate other) {
        return equivalenceKey.equals(other.equivalenceKey);
    }

    /**
     * Matches a request path against this template alone (no precedence between templates;
     * see {@link UriTemplateRouter} for that).
     *
     * @param path the raw request path, starting with {@code '/'}; a query is ignored
     * @return the variables and their percent-decoded values in template order (empty for an
     *         exact template), or {@code null} if the path does not match
     */
    public Map<String, String> match(String path) {
        String[] segments = requestSegments(path);
        if (segments == null || segments.length != literals.length) {
            return null;
        }
        for (int i = 0; i < segments.length; i++) {
            String literal = literals[i];
            if (literal != null ? !literal.equals(segments[i]) : segments[i].isEmpty()) {
                return null;
            }
        }
        return extract(segments);
    }

    // ---------------------------------------------------------------- for the router

    /** Normalized literal of segment {@code i}, or {@code null} if it is a variable. */
    String literalAt(int i) {
        return literals[i];
    }

    /** Key equal for exactly the equivalent templates; for an exact template, its normal form. */
    String equivalenceKey() {
        return equivalenceKey;
    }

    /**
     * The variables of this template taken from request segments already known to fit its
     * shape; {@code null} if a value is not valid percent-encoded UTF-8.
     */
    Map<String, String> extract(String[] segments) {
        if (variableNames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>(variableNames.size() * 2);
        for (int i = 0; i < variables.length; i++) {
            if (variables[i] != null) {
                String value = decode(segments[i]);
                if (value == null) {
                    return null;
                }
                values.put(variables[i], value);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Splits a raw request path into segments in normal form (see the class comment), resolving
     * dot segments. {@code "/"} gives one empty segment, {@code "/a/"} gives {@code a} and an
     * empty one.
     *
     * @return the segments, or {@code null} if the path does not start with {@code '/'} or has a
     *         malformed percent escape
     */
    static String[] requestSegments(String path) {
        path = withoutQuery(path);
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        String[] raw = path.substring(1).split("/", -1);
        boolean dots = false;
        for (int i = 0; i < raw.length; i++) {
            String normalized = normalizeSegment(raw[i]);
            if (normalized == null) {
                return null;
            }
            raw[i] = normalized;
            dots |= normalized.equals(".") || normalized.equals("..");
        }
        return dots ? removeDotSegments(raw) : raw;
    }

    /** The path up to (not including) the first {@code '?'} or {@code '#'}. */
    static String withoutQuery(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                return path.substring(0, i);
            }
        }
        return path;
    }

    /** RFC 3986 §5.2.4 on a segment list; a final "." or ".." leaves a trailing slash. */
    private static String[] removeDotSegments(String[] segments) {
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segment);
            }
        }
        return out.toArray(new String[0]);
    }

    // ---------------------------------------------------------------- characters

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Characters allowed raw in a segment (RFC 3986 pchar) and kept raw in normal form. */
    private static boolean isSegmentChar(int c) {
        if (isUnreserved(c)) {
            return true;
        }
        switch (c) {
            case '!': case '$': case '&': case '\'': case '(': case ')':
            case '*': case '+': case ',': case ';': case '=': case ':': case '@':
                return true;
            default:
                return false;
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void appendEscaped(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /**
     * One segment in normal form: escapes of unreserved characters decoded, other escapes in
     * upper case, characters not allowed raw (non-ASCII as UTF-8, space, ...) escaped. Returns
     * the same instance when nothing changes, {@code null} for a malformed escape.
     */
    static String normalizeSegment(String segment) {
        int n = segment.length();
        int i = 0;
        while (i < n && isSegmentChar(segment.charAt(i))) {
            i++;
        }
        if (i == n) {
            return segment;
        }
        StringBuilder out = new StringBuilder(n + 16).append(segment, 0, i);
        while (i < n) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= n) {
                    return null;
                }
                int hi = hexValue(segment.charAt(i + 1));
                int lo = hexValue(segment.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                int b = (hi << 4) | lo;
                if (isUnreserved(b)) {
                    out.append((char) b);
                } else {
                    appendEscaped(out, b);
                }
                i += 3;
            } else if (isSegmentChar(c)) {
                out.append(c);
                i++;
            } else {
                int cp = segment.codePointAt(i);
                int count = Character.charCount(cp);
                byte[] bytes = segment.substring(i, i + count).getBytes(StandardCharsets.UTF_8);
                for (byte b : bytes) {
                    appendEscaped(out, b & 0xFF);
                }
                i += count;
            }
        }
        return out.toString();
    }

    /** Percent-decodes a normalized segment as UTF-8; {@code null} if the bytes are not UTF-8. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') { // normal form: always followed by two hex digits
                bytes.write((hexValue(segment.charAt(i + 1)) << 4) | hexValue(segment.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c); // normal form holds only ASCII outside escapes
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void checkLiteralCharacters(String template, String segment) throws DeploymentException {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()
                        || hexValue(segment.charAt(i + 1)) < 0 || hexValue(segment.charAt(i + 2)) < 0) {
                    throw invalid(template, "'%' must start a percent escape of two hex digits");
                }
                i += 2;
            } else if (c == '?' || c == '#') {
                throw invalid(template, "it must not contain a query or fragment ('" + c + "')");
            } else if (c < 0x80 && !isSegmentChar(c)) {
                throw invalid(template, "character '" + c + "' is not allowed in a path; percent-encode it");
            }
        }
    }

    private static DeploymentException invalid(String template, String rule) {
        return new DeploymentException("Invalid endpoint path \"" + template + "\": " + rule);
    }

    // ---------------------------------------------------------------- Object

    /** The template text, as given to {@link #parse}. */
    @Override
    public String toString() {
        return template;
    }

    /** Equal when the template texts are equal; see {@link #isEquivalentTo} for equivalence. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UriTemplate && ((UriTemplate) o).template.equals(template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }
}
