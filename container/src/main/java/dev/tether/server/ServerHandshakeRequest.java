package dev.tether.server;

import dev.tether.endpoint.UpgradeRequest;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.RequestUris;
import dev.tether.handshake.HttpRequestHead;
import jakarta.websocket.server.HandshakeRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HandshakeRequest} read from the HTTP head of an upgrade request on the standalone
 * server, which has no HTTP sessions or authentication. Its parameters are the path template's
 * variables and the query's parameters. Immutable.
 */
final class ServerHandshakeRequest extends UpgradeRequest {

    /**
     * @param pathParameters the endpoint path's template variables, which join the query's
     *                       parameters in {@link #getParameterMap()}
     * @throws HandshakeException 400 if the Host header cannot be part of a URI
     */
    ServerHandshakeRequest(HttpRequestHead head, boolean secure, Map<String, String> pathParameters) {
        super(head.headerFields().asMap(), RequestUris.of(head.headerFields().first("Host"), head.target(), secure),
                head.query(), pathParameters, parseQuery(head.query()));
    }

    static Map<String, List<String>> parseQuery(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Object getHttpSession() {
        return null;
    }
}
