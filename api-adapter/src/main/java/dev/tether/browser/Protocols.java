package dev.tether.browser;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The constructor's rule for subprotocols: each an HTTP token (RFC 9110 §5.6.2), none twice ignoring case. */
final class Protocols {
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private Protocols() {
    }

    static List<String> check(List<String> protocols) {
        Set<String> seen = new HashSet<>();
        for (String protocol : protocols) {
            if (protocol == null || !isToken(protocol)) {
                throw DOMException.syntax("a subprotocol must be a non-empty token: \"" + protocol + "\"");
            }
            if (!seen.add(protocol.toLowerCase(Locale.ROOT))) {
                throw DOMException.syntax("subprotocol given twice: " + protocol);
            }
        }
        return List.copyOf(protocols);
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
