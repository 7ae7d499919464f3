package dev.tether.endpoint;

import jakarta.websocket.server.HandshakeRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every front end's {@link HandshakeRequest} holds the same way: the headers (names
 * case-insensitive), the request URI, the query, and the parameters — the path template's
 * variables first, then the request's own (a name in both gets the values of both, as the TCK
 * and Tyrus expect). Subclasses add what only their front end knows: the user, roles and HTTP
 * session. Immutable here.
 */
public abstract class UpgradeRequest implements HandshakeRequest {
    private final Map<String, List<String>> headers;
    private final URI requestUri;
    private final String query;
    private final Map<String, List<String>> parameters;

    /**
     * @param headers         header values by name, in the order received; copied
     * @param requestParameters the request's own parameters (the query's); copied
     */
    protected UpgradeRequest(Map<String, ? extends List<String>> headers, URI requestUri, String query,
                             Map<String, String> pathParameters, Map<String, ? extends List<String>> requestParameters) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> h.merge(name, List.copyOf(values), UpgradeRequest::concat));
        this.headers = Collections.unmodifiableMap(h);
        this.requestUri = requestUri;
        this.query = query;
        this.parameters = join(pathParameters, requestParameters);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Map<String, List<String>> join(Map<String, String> path, Map<String, ? extends List<String>> request) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        path.forEach((name, value) -> all.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        request.forEach((name, values) -> all.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        all.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public final Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public final URI getRequestURI() {
        return requestUri;
    }

    @Override
    public final Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public final String getQueryString() {
        return query;
    }
}
