package dev.tether.handshake;

import java.util.Set;
import java.util.TreeSet;

/** Names of the header fields the opening handshake uses (RFC 6455 §11.3). */
final class HeaderNames {
    static final String HOST = "Host";
    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_LENGTH = "Content-Length";

    /** The {@code Upgrade} token of the WebSocket protocol. */
    static final String WEBSOCKET = "websocket";
    /** The only protocol version this implementation speaks. */
    static final String VERSION_13 = "13";

    private HeaderNames() {
    }

    /** A case-insensitive set of the given names. */
    static Set<String> caseInsensitiveSet(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(Set.of(names));
        return set;
    }
}
