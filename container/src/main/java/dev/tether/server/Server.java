package dev.tether.server;

import dev.tether.endpoint.EndpointRegistration;
import dev.tether.endpoint.TetherServerContainer;
import dev.tether.endpoint.UriTemplateRouter;
import dev.tether.engine.EngineConfig;
import dev.tether.extension.DeflateConfig;
import dev.tether.handshake.HttpRequestHead;
import dev.tether.handshake.ServerHandshake;
import dev.tether.jakarta.ContainerRuntime;
import dev.tether.transport.grizzly.GrizzlyServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tether's standalone WebSocket server: a few lines start it, from a {@code main} or a test.
 *
 * <pre>{@code
 * Server server = Server.builder().port(8080).endpoint(EchoEndpoint.class).build();
 * server.start();
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>{@link #start()} deploys the endpoints (any invalid one fails the start with a
 * {@link DeploymentException} and nothing is served) and binds the port. {@link #stop()}
 * closes every open session with 1001, waits up to the close timeout for their closing
 * handshakes, then releases the port and the threads. Thread-safe.
 */
public final class Server implements AutoCloseable {
    private final String host;
    private final int requestedPort;
    private final String contextPath;
    private final List<Object> endpoints;
    private final SSLContext sslContext;
    private final Map<String, Page> pages;
    private final EngineConfig engineConfig;
    private final DeflateConfig deflateConfig;
    private final Duration handshakeTimeout;
    private ContainerRuntime runtime;
    private TetherServerContainer container;
    private GrizzlyServer listener;

    private record Page(String contentType, byte[] body) { }

    private Server(Builder b) {
        this.host = b.host;
        this.requestedPort = b.port;
        this.contextPath = b.contextPath;
        this.endpoints = List.copyOf(b.endpoints);
        this.sslContext = b.sslContext;
        this.pages = Map.copyOf(b.pages);
        this.engineConfig = b.engineConfig;
        this.deflateConfig = b.deflateConfig;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Deploys the endpoints and starts listening.
     *
     * @throws DeploymentException if an endpoint is invalid; nothing is then served
     * @throws IOException         if the port cannot be bound
     */
    public synchronized void start() throws IOException, DeploymentException {
        if (listener != null) {
            throw new IllegalStateException("the server is already started");
        }
        ContainerRuntime newRuntime = new ContainerRuntime("tether");
        try {
            TetherServerContainer newContainer = new TetherServerContainer(newRuntime, engineConfig);
            newContainer.setDeflateConfig(deflateConfig);
            for (Object endpoint : endpoints) {
                if (endpoint instanceof ServerEndpointConfig config) {
                    newContainer.addEndpoint(config);
                } else {
                    newContainer.addEndpoint((Class<?>) endpoint);
                }
            }
            newContainer.closeDeployment();
            ServerApp app = new ServerApp(newContainer);
            GrizzlyServer newListener = new GrizzlyServer(host, requestedPort, sslContext,
                    transport -> new UpgradeHandler(transport, app));
            newListener.start();
            runtime = newRuntime;
            container = newContainer;
            listener = newListener;
        } catch (IOException | DeploymentException | RuntimeException e) {
            newRuntime.close();
            throw e;
        }
    }

    /** Closes open sessions with 1001 ("going away"), then releases the port and threads. Idempotent. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.unbind();
        container.closeSessionsAndWait(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server stopping"));
        container.closeClient();
        listener.stop();
        runtime.close();
        listener = null;
        container = null;
        runtime = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String host() {
        return host;
    }

    /** The bound port (useful when built with port 0). */
    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("the server is not started");
        }
        return listener.port();
    }

    /** {@code ws://host:port<contextPath><path>} ({@code wss} with TLS). */
    public URI uri(String path) {
        String scheme = sslContext == null ? "ws" : "wss";
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + h + ":" + port() + contextPath + path);
    }

    /** The server's Jakarta container, once started. */
    public synchronized ServerContainer container() {
        return container;
    }

    /** Routing and pages for the upgrade handler: the context path is applied here. */
    private final class ServerApp implements UpgradeHandler.ServerApp {
        private final TetherServerContainer container;
        private final HandshakeDeadlines handshakeDeadlines;

        ServerApp(TetherServerContainer container) {
            this.container = container;
            this.handshakeDeadlines = new HandshakeDeadlines(container.runtime().timer(), handshakeTimeout);
        }

        @Override
        public TetherServerContainer container() {
            return container;
        }

        @Override
        public UriTemplateRouter.Match<EndpointRegistration> route(String path) {
            String local = withinContext(path);
            return local == null ? null : container.route(local);
        }

        @Override
        public byte[] page(HttpRequestHead head) {
            if (!"GET".equals(head.method()) || ServerHandshake.isUpgradeRequest(head)) {
                return null;
            }
            String local = withinContext(head.path());
            Page page = local == null ? null : pages.get(local);
            return page == null ? null : ServerHandshake.plainResponse(200, page.contentType(), page.body());
        }

        @Override
        public HandshakeDeadlines handshakeDeadlines() {
            return handshakeDeadlines;
        }

        private String withinContext(String path) {
            if (contextPath.isEmpty()) {
                return path;
            }
            if (path.equals(contextPath)) {
                return "/";
            }
            return path.startsWith(contextPath + "/") ? path.substring(contextPath.length()) : null;
        }
    }

    /** Builds a {@link Server}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private String contextPath = "";
        private final List<Object> endpoints = new ArrayList<>();
        private SSLContext sslContext;
        private final Map<String, Page> pages = new HashMap<>();
        private EngineConfig engineConfig = EngineConfig.fromSystemProperties();
        private DeflateConfig deflateConfig = DeflateConfig.fromSystemProperties();
        private Duration handshakeTimeout = Duration.ofMillis(Long.getLong("tether.handshakeTimeoutMillis",
                UpgradeHandler.DEFAULT_HANDSHAKE_TIMEOUT.toMillis()));

        private Builder() {
        }

        /** The address to listen on; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port; default 8080; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A prefix for every endpoint path, such as {@code /app}; default none. */
        public Builder contextPath(String contextPath) {
            if (contextPath == null || contextPath.equals("/")) {
                contextPath = "";
            }
            if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
                throw new IllegalArgumentException("a context path starts with / and does not end with it: " + contextPath);
            }
            this.contextPath = contextPath;
            return this;
        }

        /** An annotated {@code @ServerEndpoint} class. */
        public Builder endpoint(Class<?> annotatedEndpoint) {
            endpoints.add(annotatedEndpoint);
            return this;
        }

        /** A programmatic endpoint (or an annotated one with its own configuration). */
        public Builder endpoint(ServerEndpointConfig config) {
            endpoints.add(config);
            return this;
        }

        /** Serve {@code wss} with this context; default plain {@code ws}. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** A fixed response to a plain HTTP GET of exactly {@code path} (within the context path). */
        public Builder page(String path, String contentType, byte[] body) {
            pages.put(path, new Page(contentType, body.clone()));
            return this;
        }

        /** Largest text message a session accepts, in UTF-8 bytes (1009 beyond); default 16 MiB. */
        public Builder maxTextMessageSize(long bytes) {
            engineConfig = engineConfig.withMaxTextMessageSize(bytes);
            return this;
        }

        /** Largest binary message a session accepts (1009 beyond); default 16 MiB. */
        public Builder maxBinaryMessageSize(long bytes) {
            engineConfig = engineConfig.withMaxBinaryMessageSize(bytes);
            return this;
        }

        /** How long to wait for the peer's close frame before dropping the connection; default 5 s. */
        public Builder closeTimeout(Duration timeout) {
            engineConfig = engineConfig.withCloseTimeout(timeout);
            return this;
        }

        /** Bytes that may wait to be written per session before async sends are refused; default 16 MiB. */
        public Builder maxOutgoingBytes(long bytes) {
            engineConfig = engineConfig.withMaxOutgoingBytes(bytes);
            return this;
        }

        /**
         * How long a write may go without the peer taking any of its bytes before the session is
         * dropped (the endpoint sees an error and 1006; no close frame, since it could not get
         * through); zero disables it; default 60 s.
         */
        public Builder stalledWriteTimeout(Duration timeout) {
            engineConfig = engineConfig.withStalledWriteTimeout(timeout);
            return this;
        }

        /**
         * How long a client has, from connecting, to send its whole HTTP request head before it
         * is disconnected; default 30 s. Kept to within a quarter of itself: the pending
         * handshakes are checked together, every quarter of the timeout.
         */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the handshake timeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Whether permessage-deflate is accepted when a client offers it; default true. */
        public Builder permessageDeflate(boolean enabled) {
            deflateConfig = deflateConfig.withEnabled(enabled);
            return this;
        }

        public Server build() {
            return new Server(this);
        }
    }
}
