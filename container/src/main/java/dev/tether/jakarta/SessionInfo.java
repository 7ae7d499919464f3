package dev.tether.jakarta;

import jakarta.websocket.Extension;

import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session knows from its handshake. Immutable.
 *
 * @param requestUri          the URI as the client sent it (scheme, host as sent, port, path, query)
 * @param pathParameters      values of the endpoint path's template variables
 * @param queryString         the raw query, or null
 * @param requestParameters   query parameters by name
 * @param userPrincipal       the authenticated user, or null
 * @param subprotocol         the negotiated subprotocol, or "" for none
 * @param extensions          the negotiated extensions
 * @param secure              whether the connection is TLS
 */
public record SessionInfo(URI requestUri,
                          Map<String, String> pathParameters,
                          String queryString,
                          Map<String, List<String>> requestParameters,
                          Principal userPrincipal,
                          String subprotocol,
                          List<Extension> extensions,
                          boolean secure) {
    public SessionInfo {
        // Copies that keep the order: path parameters in template order, query parameters as sent.
        // Empty ones share Map.of(): every idle session keeps these.
        pathParameters = pathParameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        requestParameters = requestParameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
        subprotocol = subprotocol == null ? "" : subprotocol;
        extensions = List.copyOf(extensions);
    }
}
