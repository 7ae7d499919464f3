package dev.tether.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Character classes and small lexical rules of HTTP/1.1 (RFC 9110 §5.6, RFC 9112 §2.3),
 * shared by the parser, the writers and the handshake checks. Stateless.
 */
final class HttpSyntax {
    private HttpSyntax() {
    }

    /**
     * tchar: {@code "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" /
     * "`" / "|" / "~" / DIGIT / ALPHA} (RFC 9110 §5.6.2).
     */
    static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** token = 1*tchar */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** OWS: space or horizontal tab. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** VCHAR: a visible US-ASCII character. */
    static boolean isVisible(char c) {
        return c > 0x20 && c < 0x7f;
    }

    /** A character allowed inside a field value or reason phrase: HTAB, SP, VCHAR or obs-text. */
    static boolean isFieldValueChar(char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
    }

    /** Whether every character of {@code s} is a field value character. */
    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFieldValueChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without leading and trailing spaces and tabs. */
    static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT */
    static boolean isHttpVersion(String s) {
        return s.length() == 8
                && s.startsWith("HTTP/")
                && isDigit(s.charAt(5))
                && s.charAt(6) == '.'
                && isDigit(s.charAt(7));
    }

    /** Whether {@code version} is a well-formed HTTP version of 1.1 or later. */
    static boolean isAtLeastHttp11(String version) {
        if (version == null || !isHttpVersion(version)) {
            return false;
        }
        int major = version.charAt(5) - '0';
        int minor = version.charAt(7) - '0';
        return major > 1 || (major == 1 && minor >= 1);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The elements of comma-separated lists (RFC 9110 §5.6.1) spread over several field
     * values: split at commas, trimmed, empty elements dropped, order kept.
     */
    static List<String> listElements(List<String> values) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String trimmed = trimWhitespace(element);
                if (!trimmed.isEmpty()) {
                    elements.add(trimmed);
                }
            }
        }
        return elements;
    }
}
