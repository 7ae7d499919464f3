package dev.tether.handshake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the bytes of an HTTP/1.1 head line by line, refusing names that are not tokens
 * and values with control characters, so that no caller-supplied header can inject a line.
 * One instance per message; not thread-safe.
 */
final class HeadWriter {
    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder(256);

    /** @param startLine the request or status line, without its CRLF */
    HeadWriter(String startLine) {
        text.append(startLine).append(CRLF);
    }

    /**
     * Adds one header line.
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds control
     *                                  characters (CR and LF included) or characters above U+00FF
     */
    HeadWriter header(String name, String value) {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        if (!HttpSyntax.isFieldValue(value)) {
            throw new IllegalArgumentException("invalid character in value of header " + name);
        }
        text.append(name).append(": ").append(value).append(CRLF);
        return this;
    }

    /**
     * Adds every value of every header in {@code headers}, one line per value, except those
     * whose name is in {@code skipped}. A {@code null} map, list or value adds nothing.
     *
     * @param skipped names (case-insensitive set) the caller writes itself
     * @throws IllegalArgumentException as {@link #header(String, String)}
     */
    HeadWriter headers(Map<String, List<String>> headers, Set<String> skipped) {
        if (headers == null) {
            return this;
        }
        headers.forEach((name, values) -> {
            if (name == null || values == null || skipped.contains(name)) {
                return;
            }
            for (String value : values) {
                if (value != null) {
                    header(name, value);
                }
            }
        });
        return this;
    }

    /** The head with its closing blank line, as ISO-8859-1 bytes. */
    byte[] toBytes() {
        return text.append(CRLF).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head with its closing blank line, followed by {@code body}. */
    byte[] toBytes(byte[] body) {
        byte[] head = toBytes();
        byte[] message = new byte[head.length + body.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(body, 0, message, head.length, body.length);
        return message;
    }

    /** {@code HTTP/1.1 <status> <standard phrase>}. */
    static String statusLine(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return "HTTP/1.1 " + status + ' ' + StatusPhrases.of(status);
    }
}
