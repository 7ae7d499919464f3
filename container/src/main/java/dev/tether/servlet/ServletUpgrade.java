package dev.tether.servlet;

import dev.tether.endpoint.EndpointHandshake;
import dev.tether.endpoint.EndpointRegistration;
import dev.tether.endpoint.TetherServerContainer;
import dev.tether.endpoint.UriTemplateRouter;
import dev.tether.handshake.ExtensionOffer;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpHeaders;
import dev.tether.handshake.HttpRequestHead;
import dev.tether.jakarta.Extensions;
import dev.tether.protocol.WebSocketKeys;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers a WebSocket handshake that arrived as a servlet request: refuses it with the status
 * the handshake deserves (400, 403, 426, 500) or sets the 101's headers and hands the
 * connection to a {@link TetherUpgradeHandler} through {@link HttpServletRequest#upgrade}.
 *
 * <p>Used by {@link WebSocketUpgradeFilter} for deployed endpoints and by
 * {@code ServerContainer.upgradeHttpToWebSocket}. Runs on the servlet container's request
 * thread, which may block; thread-safe.
 */
final class ServletUpgrade implements TetherServerContainer.HttpUpgrader {
    private static final System.Logger LOG = System.getLogger(ServletUpgrade.class.getName());
    /** Headers the handshake sets; a configurator's headers of these names are ignored. */
    private static final Set<String> HANDSHAKE_HEADERS = caseInsensitive(
            "Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");

    private final TetherServerContainer container;
    private final HttpSessionSessions httpSessions;

    ServletUpgrade(TetherServerContainer container, HttpSessionSessions httpSessions) {
        this.container = container;
        this.httpSessions = httpSessions;
    }

    /** Whether {@code request} asks for a WebSocket upgrade at all (a GET whose Upgrade lists websocket). */
    static boolean isUpgradeRequest(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        for (String value : Collections.list(request.getHeaders("Upgrade"))) {
            for (String token : value.split(",")) {
                if (token.trim().equalsIgnoreCase("websocket")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void upgrade(Object request, Object response, UriTemplateRouter.Match<EndpointRegistration> match)
            throws IOException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket needs an HttpServletRequest and an HttpServletResponse");
        }
        upgrade(http, httpResponse, match);
    }

    /** Upgrades {@code request} to a session of the endpoint {@code match} names, or refuses it. */
    void upgrade(HttpServletRequest request, HttpServletResponse response,
                 UriTemplateRouter.Match<EndpointRegistration> match) throws IOException {
        ServletHandshakeRequest handshake;
        EndpointHandshake.Accepted accepted;
        try {
            handshake = new ServletHandshakeRequest(request, match.pathParameters());
            accepted = EndpointHandshake.negotiate(container, match, head(request), handshake, request.isSecure());
        } catch (HandshakeException e) {
            refuse(response, e);
            return;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handshake failed for " + request.getRequestURI(), e);
            refuse(response, new HandshakeException(500, "the endpoint could not be started"));
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", WebSocketKeys.acceptFor(accepted.key()));
        if (!accepted.subprotocol().isEmpty()) {
            response.setHeader("Sec-WebSocket-Protocol", accepted.subprotocol());
        }
        List<ExtensionOffer> extensions = Extensions.toOffers(accepted.extensions());
        if (!extensions.isEmpty()) {
            response.setHeader("Sec-WebSocket-Extensions", ExtensionOffer.toHeaderValue(extensions));
        }
        accepted.extraHeaders().forEach((name, values) -> {
            if (!HANDSHAKE_HEADERS.contains(name)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        HttpSession httpSession = handshake.getUserPrincipal() == null ? null : (HttpSession) handshake.getHttpSession();
        TetherUpgradeHandler handler;
        try {
            handler = request.upgrade(TetherUpgradeHandler.class);
        } catch (ServletException e) {
            throw new IOException("the servlet container refused the upgrade", e);
        }
        handler.prepare(accepted, request.isSecure(),
                new InetSocketAddress(request.getLocalAddr(), request.getLocalPort()),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                session -> {
                    if (httpSession != null) {
                        httpSessions.bind(httpSession.getId(), session);
                    }
                });
    }

    /** The request as RFC 6455 validation reads it: request line and headers, as sent. */
    private static HttpRequestHead head(HttpServletRequest request) {
        List<HttpHeaders.Field> fields = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                fields.add(new HttpHeaders.Field(name, value));
            }
        }
        String query = request.getQueryString();
        String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
        return new HttpRequestHead(request.getMethod(), target, request.getProtocol(), HttpHeaders.of(fields));
    }

    private static void refuse(HttpServletResponse response, HandshakeException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(e.status());
        e.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = (e.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }
}
