package dev.tether.server;

import dev.tether.handshake.RequestUris;
import dev.tether.handshake.HttpRequestHead;
import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link HandshakeRequest} read from the HTTP head of an upgrade request on the standalone
 * server, which has no HTTP sessions or authentication. Its parameters are the path template's
 * variables and the query's parameters. Immutable.
 */
final class ServerHandshakeRequest implements HandshakeRequest {
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final String query;
    private final Map<String, List<String>> parameters;

    /**
     * @param pathParameters the endpoint path's template variables, which join the query's
     *                       parameters in {@link #getParameterMap()} (as the TCK and Tyrus expect)
     */
    ServerHandshakeRequest(HttpRequestHead head, boolean secure, Map<String, String> pathParameters) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        head.headerFields().asMap().forEach((name, values) -> h.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(h);
        this.query = head.query();
        this.requestUri = requestUri(head, secure);
        this.parameters = parameters(pathParameters, parseQuery(query));
    }

    /** The URI as the client addressed it: its Host header and request target. */
    private static URI requestUri(HttpRequestHead head, boolean secure) {
        return RequestUris.of(head.headerFields().first("Host"), head.target(), secure);
    }

    /** Path parameters first, then query parameters; a name in both gets the values of both. */
    private static Map<String, List<String>> parameters(Map<String, String> path, Map<String, List<String>> query) {
        if (path.isEmpty()) {
            return query;
        }
        Map<String, List<String>> all = new LinkedHashMap<>();
        path.forEach((name, value) -> all.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        query.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        all.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(all);
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
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Object getHttpSession() {
        return null;
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return query;
    }
}
