package dev.tether.endpoint;

import dev.tether.engine.WebSocketConnection;
import dev.tether.extension.DeflateParameters;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpRequestHead;
import dev.tether.handshake.ServerHandshake;
import dev.tether.jakarta.Extensions;
import dev.tether.jakarta.SessionInfo;
import dev.tether.jakarta.TetherHandshakeResponse;
import dev.tether.jakarta.TetherSession;
import dev.tether.jakarta.codec.Codecs;
import dev.tether.transport.Transport;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import java.util.Map;

/**
 * The application's part of an opening handshake, the same for every front end (the standalone
 * server and the servlet filter): checks the request against RFC 6455, then lets the endpoint's
 * configurator decide (origin, subprotocol, extensions, {@code modifyHandshake}), creates the
 * endpoint and its codecs, and returns what the 101 must carry and what the session starts with.
 *
 * <p>Runs application code (the configurator, the endpoint's constructor): call it on a thread
 * that may block, never on an I/O thread. Stateless.
 */
public final class EndpointHandshake {
    private static final System.Logger LOG = System.getLogger(EndpointHandshake.class.getName());

    private EndpointHandshake() {
    }

    /**
     * Answers an upgrade request for the endpoint {@code match} found.
     *
     * @param head    the request line and headers, as the client sent them
     * @param request the same request as the configurator sees it
     * @param secure  whether the connection is encrypted
     * @throws HandshakeException with the status to refuse the request with: 400 or 426 for a
     *                            request RFC 6455 refuses, 403 for a refused origin, 500 if the
     *                            endpoint or its codecs cannot be created
     */
    public static Accepted negotiate(TetherServerContainer container, UriTemplateRouter.Match<EndpointRegistration> match,
                                     HttpRequestHead head, HandshakeRequest request, boolean secure) {
        String key = ServerHandshake.validate(head);
        EndpointRegistration registration = match.value();
        ServerEndpointConfig config = new HandshakeEndpointConfig(registration.config());
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();

        String origin = head.headerFields().first("Origin");
        if (!configurator.checkOrigin(origin)) {
            throw new HandshakeException(HandshakeException.FORBIDDEN, "origin not allowed: " + origin);
        }
        String subprotocol = configurator.getNegotiatedSubprotocol(
                config.getSubprotocols(), ServerHandshake.offeredSubprotocols(head));
        ExtensionNegotiation negotiated = ExtensionNegotiation.negotiate(config,
                ServerHandshake.offeredExtensions(head), container.deflateConfig());
        TetherHandshakeResponse response = new TetherHandshakeResponse();
        configurator.modifyHandshake(config, request, response);
        Endpoint endpoint = newEndpoint(registration, config);
        Codecs codecs = openCodecs(registration, config);

        String protocol = subprotocol == null ? "" : subprotocol;
        List<Extension> extensions = negotiated.extensions();
        SessionInfo info = new SessionInfo(request.getRequestURI(), match.pathParameters(), request.getQueryString(),
                request.getParameterMap(), request.getUserPrincipal(), protocol, extensions, secure);
        return new Accepted(container, registration, config, endpoint, codecs, info, negotiated.deflate(),
                key, response.getHeaders());
    }

    private static Endpoint newEndpoint(EndpointRegistration registration, ServerEndpointConfig config) {
        try {
            return registration.newEndpoint();
        } catch (InstantiationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the endpoint at " + config.getPath() + " could not be created", e);
            throw new HandshakeException(500, "the endpoint could not be started");
        }
    }

    private static Codecs openCodecs(EndpointRegistration registration, ServerEndpointConfig config) {
        try {
            return registration.codecs().open(config);
        } catch (DeploymentException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "encoders or decoders of " + config.getPath() + " failed", e);
            throw new HandshakeException(500, "the endpoint's encoders or decoders could not be started");
        }
    }

    /**
     * A handshake the application accepted: the 101's contents, and the session to open once
     * the 101 is on its way. Not thread-safe; used by the one thread that answers the request.
     */
    public static final class Accepted {
        private final TetherServerContainer container;
        private final EndpointRegistration registration;
        private final ServerEndpointConfig config;
        private final Endpoint endpoint;
        private final Codecs codecs;
        private final SessionInfo info;
        private final DeflateParameters deflate;
        private final String key;
        private final Map<String, List<String>> extraHeaders;

        private Accepted(TetherServerContainer container, EndpointRegistration registration,
                         ServerEndpointConfig config, Endpoint endpoint, Codecs codecs, SessionInfo info,
                         DeflateParameters deflate, String key, Map<String, List<String>> extraHeaders) {
            this.container = container;
            this.registration = registration;
            this.config = config;
            this.endpoint = endpoint;
            this.codecs = codecs;
            this.info = info;
            this.deflate = deflate;
            this.key = key;
            this.extraHeaders = extraHeaders;
        }

        /** The client's {@code Sec-WebSocket-Key}. */
        public String key() {
            return key;
        }

        /** The chosen subprotocol; empty for none. */
        public String subprotocol() {
            return info.subprotocol();
        }

        /** The negotiated extensions, with the parameters of the answer. */
        public List<Extension> extensions() {
            return info.extensions();
        }

        /** Headers the configurator added to the response. */
        public Map<String, List<String>> extraHeaders() {
            return extraHeaders;
        }

        /** The complete 101 response, for a front end that writes raw bytes. */
        public byte[] response() {
            String protocol = info.subprotocol().isEmpty() ? null : info.subprotocol();
            return ServerHandshake.acceptResponse(key, protocol, Extensions.toOffers(info.extensions()), extraHeaders);
        }

        /**
         * Creates the session over {@code transport} and counts it as live in the container. The
         * caller then starts it ({@link WebSocketConnection#start}) once the 101 is on its way.
         */
        public Opened open(Transport transport) {
            WebSocketConnection ws = new WebSocketConnection(transport, false,
                    deflate == null ? null : container.deflateConfig().newCodec(deflate, false),
                    container.engineConfig(), container.runtime().executor(), container.runtime().timer());
            TetherSession session = new TetherSession(container, ws, endpoint, config, info,
                    registration.sessions(), container.runtime(), codecs);
            container.started(session);
            return new Opened(ws, session);
        }
    }

    /**
     * A session created by {@link Accepted#open}, not yet started.
     *
     * @param connection the engine's connection, to start with the session as its handler
     * @param session    the Jakarta session
     */
    public record Opened(WebSocketConnection connection, TetherSession session) {
    }
}
