package dev.tether.handshake;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an extension
 * name and its parameters, such as {@code permessage-deflate; client_max_window_bits}.
 *
 * <p>Used both ways: what a client offers and what a server accepts. Parameter order is
 * kept, and {@link #toHeaderValue()} writes the element back, quoting values that are not
 * tokens.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name   the extension name, a token
 * @param params the parameters in order; copied
 */
public record ExtensionOffer(String name, List<Param> params) {

    /**
     * One extension parameter.
     *
     * @param name  the parameter name, a token
     * @param value the value with any quoting removed, or {@code null} when the parameter
     *              has no value ({@code client_max_window_bits} alone)
     */
    public record Param(String name, String value) {
        /** @throws IllegalArgumentException if the name is not a token or the value holds control characters */
        public Param {
            if (!HttpSyntax.isToken(name)) {
                throw new IllegalArgumentException("extension parameter name is not a token: " + name);
            }
            if (value != null && !HttpSyntax.isFieldValue(value)) {
                throw new IllegalArgumentException("control character in value of extension parameter " + name);
            }
        }

        /** A parameter without a value. */
        public Param(String name) {
            this(name, null);
        }

        /** {@code name}, {@code name=token} or {@code name="quoted"}. */
        public String toHeaderValue() {
            if (value == null) {
                return name;
            }
            return name + '=' + (HttpSyntax.isToken(value) ? value : quote(value));
        }

        private static String quote(String value) {
            StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"' || c == '\\') {
                    quoted.append('\\');
                }
                quoted.append(c);
            }
            return quoted.append('"').toString();
        }
    }

    /** @throws IllegalArgumentException if the name is not a token */
    public ExtensionOffer {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("extension name is not a token: " + name);
        }
        params = List.copyOf(params);
    }

    /** An extension without parameters. */
    public ExtensionOffer(String name) {
        this(name, List.of());
    }

    /** The first parameter called {@code name} (case-insensitive), or {@code null} if absent. */
    public Param param(String name) {
        for (Param param : params) {
            if (param.name().equalsIgnoreCase(name)) {
                return param;
            }
        }
        return null;
    }

    /** This element as it appears in a header: {@code name; param; param=value}. */
    public String toHeaderValue() {
        StringBuilder text = new StringBuilder(name);
        for (Param param : params) {
            text.append("; ").append(param.toHeaderValue());
        }
        return text.toString();
    }

    /** A whole header value: the elements' {@link #toHeaderValue()} joined by {@code ", "}. */
    public static String toHeaderValue(List<ExtensionOffer> extensions) {
        return extensions.stream().map(ExtensionOffer::toHeaderValue).collect(Collectors.joining(", "));
    }

    /**
     * Parses the values of every {@code Sec-WebSocket-Extensions} header of a message, in
     * order, into their elements.
     *
     * @param headerValues the header values, one per header line
     * @throws IllegalArgumentException if a value does not follow the grammar of RFC 6455 §9.1;
     *                                  the message says what was expected where
     */
    public static List<ExtensionOffer> parseAll(List<String> headerValues) {
        Objects.requireNonNull(headerValues, "headerValues");
        return ExtensionListParser.parse(headerValues);
    }
}
