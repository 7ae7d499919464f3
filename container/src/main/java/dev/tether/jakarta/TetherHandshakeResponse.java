package dev.tether.jakarta;

import jakarta.websocket.HandshakeResponse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link HandshakeResponse} with a mutable, case-insensitive header map: on the server a
 * configurator adds headers to the 101 response through it; on the client it shows the
 * server's response. Not thread-safe; used by one handshake.
 */
public final class TetherHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public TetherHandshakeResponse() {
    }

    public TetherHandshakeResponse(Map<String, List<String>> headers) {
        this.headers.putAll(headers);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }
}
