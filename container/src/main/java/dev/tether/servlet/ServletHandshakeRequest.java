package dev.tether.servlet;

import dev.tether.endpoint.UpgradeRequest;
import dev.tether.handshake.RequestUris;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link jakarta.websocket.server.HandshakeRequest} backed by the servlet request of an upgrade: headers, the query,
 * the parameters (the path template's variables, then the request's own parameters, as on the
 * standalone server), the authenticated user and roles, and the HTTP session.
 *
 * <p>Everything but the user, roles and session is copied when it is made, because the servlet
 * request must not be used once the upgrade has happened. Thread-safe.
 */
final class ServletHandshakeRequest extends UpgradeRequest {
    private final HttpServletRequest request;
    private final Principal principal;
    private final Object httpSession;

    /** @throws dev.tether.handshake.HandshakeException 400 if the Host header cannot be part of a URI */
    ServletHandshakeRequest(HttpServletRequest request, Map<String, String> pathParameters) {
        super(headers(request), requestUri(request), request.getQueryString(), pathParameters,
                parameters(request));
        this.request = request;
        this.principal = request.getUserPrincipal();
        this.httpSession = request.getSession(false);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            h.put(name, Collections.list(request.getHeaders(name)));
        }
        return h;
    }

    /** The URI as the client addressed it: its Host header and request target. */
    private static URI requestUri(HttpServletRequest request) {
        String query = request.getQueryString();
        String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        return RequestUris.of(request.getHeader("Host"), target, request.isSecure());
    }

    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
        return parameters;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
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
}
