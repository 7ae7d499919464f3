package dev.tether.servlet;

import dev.tether.handshake.RequestUris;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link HandshakeRequest} backed by the servlet request of an upgrade: headers, the query,
 * the parameters (the path template's variables, then the request's own parameters, as on the
 * standalone server), the authenticated user and roles, and the HTTP session.
 *
 * <p>Everything but the user, roles and session is copied when it is made, because the servlet
 * request must not be used once the upgrade has happened. Thread-safe.
 */
final class ServletHandshakeRequest implements HandshakeRequest {
    private final HttpServletRequest request;
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final String query;
    private final Map<String, List<String>> parameters;
    private final Principal principal;
    private final Object httpSession;

    ServletHandshakeRequest(HttpServletRequest request, Map<String, String> pathParameters) {
        this.request = request;
        this.headers = headers(request);
        this.query = request.getQueryString();
        this.requestUri = requestUri(request);
        this.parameters = parameters(pathParameters, request.getParameterMap());
        this.principal = request.getUserPrincipal();
        this.httpSession = request.getSession(false);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            List<String> values = h.computeIfAbsent(name, k -> new ArrayList<>());
            values.addAll(Collections.list(request.getHeaders(name)));
        }
        h.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(h);
    }

    /** The URI as the client addressed it: its Host header and request target. */
    private static URI requestUri(HttpServletRequest request) {
        String query = request.getQueryString();
        String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        return RequestUris.of(request.getHeader("Host"), target, request.isSecure());
    }

    private static Map<String, List<String>> parameters(Map<String, String> path, Map<String, String[]> request) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        path.forEach((name, value) -> all.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        request.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values)));
        all.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public URI getRequestURI() {
        return requestUri;
    }

    /** Asks the servlet request; valid during the handshake only, as the specification allows. */
    @Override
    public boolean isUserInRole(String role) {
        return principal != null && request.isUserInRole(role);
    }

    @Override
    public Object getHttpSession() {
        return httpSession;
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
