package dev.tether.handshake;

import java.net.URI;

/**
 * The request URI of an upgrade request as the client addressed it ({@code ws} or {@code wss},
 * its {@code Host} header, its request target), for {@code HandshakeRequest.getRequestURI()} on
 * every front end. Characters that HTTP lets through but {@link URI} does not ({@code |},
 * {@code ^}, {@code {}, a {@code %} not followed by two hex digits: browsers send them
 * unescaped) are percent-encoded. Stateless.
 */
public final class RequestUris {
    /** Punctuation {@link URI} accepts unescaped in a path and query. */
    private static final String URI_CHARS = "-_.!~*'();/?:@&=+$,";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestUris() {
    }

    /**
     * @param host   the {@code Host} header, or null or empty for none (the URI is then relative)
     * @param target the request target as sent (path and query, visible ASCII)
     * @throws HandshakeException 400 if the Host header cannot be part of a URI
     */
    public static URI of(String host, String target, boolean secure) {
        String escaped = escapeForUri(target);
        String scheme = secure ? "wss" : "ws";
        try {
            return URI.create(host == null || host.isEmpty() ? escaped : scheme + "://" + host + escaped);
        } catch (IllegalArgumentException e) {
            throw HandshakeException.badRequest("malformed Host header or request target");
        }
    }

    /** {@code target} (visible ASCII) with every character {@link URI} rejects percent-encoded. */
    static String escapeForUri(String target) {
        StringBuilder out = null;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean keep = c == '%' ? isEscape(target, i) : URI_CHARS.indexOf(c) >= 0 || isAlphanumeric(c);
            if (!keep && out == null) {
                out = new StringBuilder(target.length() + 8).append(target, 0, i);
            }
            if (out != null) {
                if (keep) {
                    out.append(c);
                } else {
                    out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        return out == null ? target : out.toString();
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isEscape(String s, int percent) {
        return percent + 2 < s.length() && Character.digit(s.charAt(percent + 1), 16) >= 0
                && Character.digit(s.charAt(percent + 2), 16) >= 0;
    }
}
