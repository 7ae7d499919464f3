package dev.tether.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code Sec-WebSocket-Extensions} values (RFC 6455 §9.1):
 * <pre>
 * extension-list  = 1#extension
 * extension       = extension-token *( OWS ";" OWS extension-param )
 * extension-param = token [ OWS "=" OWS ( token / quoted-string ) ]
 * </pre>
 * Empty list elements ({@code a,,b}) are skipped as RFC 9110 §5.6.1 allows. A quoted value
 * is unescaped but otherwise taken as is. One instance per header value; not thread-safe.
 */
final class ExtensionListParser {
    private final String text;
    private int pos;

    private ExtensionListParser(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming what was expected where */
    static List<ExtensionOffer> parse(List<String> headerValues) {
        List<ExtensionOffer> extensions = new ArrayList<>();
        for (String value : headerValues) {
            new ExtensionListParser(value).readList(extensions);
        }
        return extensions;
    }

    private void readList(List<ExtensionOffer> out) {
        while (true) {
            skipWhitespace();
            if (atEnd()) {
                return;
            }
            if (peek() == ',') {
                pos++;
                continue;
            }
            out.add(readExtension());
            skipWhitespace();
            if (atEnd()) {
                return;
            }
            expect(',', "',' or ';'");
        }
    }

    private ExtensionOffer readExtension() {
        String name = readToken("extension name");
        List<ExtensionOffer.Param> params = new ArrayList<>();
        skipWhitespace();
        while (!atEnd() && peek() == ';') {
            pos++;
            skipWhitespace();
            String paramName = readToken("parameter name");
            skipWhitespace();
            String value = null;
            if (!atEnd() && peek() == '=') {
                pos++;
                skipWhitespace();
                value = !atEnd() && peek() == '"' ? readQuoted() : readToken("parameter value");
                skipWhitespace();
            }
            params.add(new ExtensionOffer.Param(paramName, value));
        }
        return new ExtensionOffer(name, params);
    }

    private String readToken(String what) {
        int start = pos;
        while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
            pos++;
        }
        if (start == pos) {
            throw expected(what);
        }
        return text.substring(start, pos);
    }

    /** quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, returned unescaped. */
    private String readQuoted() {
        pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new IllegalArgumentException("unterminated quoted string in extension list");
    }

    private void expect(char c, String what) {
        if (atEnd() || peek() != c) {
            throw expected(what);
        }
        pos++;
    }

    private IllegalArgumentException expected(String what) {
        String found = atEnd() ? "end of value" : "'" + peek() + "'";
        return new IllegalArgumentException("expected " + what + " at index " + pos + " but found " + found);
    }

    private void skipWhitespace() {
        while (!atEnd() && HttpSyntax.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
