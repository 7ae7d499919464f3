package dev.tether.client;

import dev.tether.engine.EngineConfig;
import dev.tether.engine.WebSocketConnection;
import dev.tether.extension.DeflateCodec;
import dev.tether.extension.DeflateParameters;
import dev.tether.extension.PerMessageDeflate;
import dev.tether.handshake.ClientHandshake;
import dev.tether.handshake.ExtensionOffer;
import dev.tether.handshake.HandshakeException;
import dev.tether.handshake.HttpResponseHead;
import dev.tether.jakarta.BaseContainer;
import dev.tether.jakarta.ContainerRuntime;
import dev.tether.jakarta.Extensions;
import dev.tether.jakarta.SessionInfo;
import dev.tether.jakarta.TetherHandshakeResponse;
import dev.tether.jakarta.TetherSession;
import dev.tether.jakarta.annotated.AnnotatedConfigs;
import dev.tether.jakarta.annotated.AnnotatedEndpointModel;
import dev.tether.jakarta.codec.CodecPlan;
import dev.tether.jakarta.codec.Codecs;
import dev.tether.protocol.WebSocketKeys;
import dev.tether.transport.IoHandOff;
import dev.tether.transport.Transport;
import dev.tether.transport.grizzly.GrizzlyConnector;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tether's client {@link jakarta.websocket.WebSocketContainer}: connects annotated and
 * programmatic endpoints to {@code ws://} and {@code wss://} servers. All its connections
 * share one Grizzly transport and one set of threads.
 *
 * <p>{@code connectToServer} blocks until the handshake is done and the endpoint's
 * {@code onOpen} has returned, or until the connect timeout ({@code tether.connectTimeoutMillis},
 * default 30 s). A refused or invalid handshake is a {@link DeploymentException} naming the
 * reason; a network failure an {@link IOException}. Thread-safe.
 */
public final class TetherClientContainer extends BaseContainer implements AutoCloseable {
    static final long CONNECT_TIMEOUT_MILLIS = Long.getLong("tether.connectTimeoutMillis", 30_000);
    private static final SecureRandom KEYS = new SecureRandom();
    private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

    private final ContainerRuntime runtime;
    private final boolean ownsRuntime;
    private GrizzlyConnector connector;

    /** A container with its own threads. */
    public TetherClientContainer() {
        this(new ContainerRuntime("tether-client"), EngineConfig.fromSystemProperties(), true);
    }

    /** A container sharing a server's threads. */
    public TetherClientContainer(ContainerRuntime runtime, EngineConfig engineConfig) {
        this(runtime, engineConfig, false);
    }

    private TetherClientContainer(ContainerRuntime runtime, EngineConfig engineConfig, boolean ownsRuntime) {
        super(engineConfig);
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
    }

    private synchronized GrizzlyConnector connector() throws IOException {
        if (connector == null) {
            connector = new GrizzlyConnector();
        }
        return connector;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        Class<?> type = annotatedEndpointInstance.getClass();
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return connect(endpoint, ClientEndpointConfig.Builder.create().build(), path);
        }
        ClientEndpointConfig config = AnnotatedConfigs.clientConfig(type);
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(type, false, Set.of(), CodecPlan.of(config));
        return connect(model.newEndpoint(annotatedEndpointInstance), config, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return connectToServer(instantiate(annotatedEndpointClass), path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connect(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connect((Endpoint) instantiate(endpointClass), cec, path);
    }

    private static Object instantiate(Class<?> type) throws DeploymentException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException(type.getName() + " cannot be instantiated with a public no-argument constructor", e);
        }
    }

    private Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        CodecPlan codecs = CodecPlan.of(config);
        boolean secure = secureScheme(uri);
        String host = uri.getHost();
        if (host == null) {
            throw new DeploymentException("no host in " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);

        ClientHandshake handshake = handshake(config, uri);

        EngineConfig limits = engineConfig();
        ClientUpgrade upgrade = new ClientUpgrade(limits.maxInboundBacklog()
                + Math.max(limits.maxTextMessageSize(), limits.maxBinaryMessageSize()));
        Transport transport = await(connector().connect(host, port, secure ? sslContext(config) : null, upgrade),
                deadline, uri);
        try {
            transport.write(new java.nio.ByteBuffer[] {java.nio.ByteBuffer.wrap(handshake.request())}, failure -> {
                if (failure != null) {
                    upgrade.response().completeExceptionally(failure);
                }
            });
            HttpResponseHead head = await(upgrade.response(), deadline, uri);
            ClientHandshake.Result result = handshake.validate(head);
            config.getConfigurator().afterResponse(new TetherHandshakeResponse(result.headers()));
            DeflateCodec deflate = deflateCodec(handshake.extensions(), result);
            return start(endpoint, config, codecs.open(config), uri, transport, upgrade, result, deflate, deadline);
        } catch (HandshakeException e) {
            transport.abort();
            throw new DeploymentException("handshake with " + uri + " failed: " + e.getMessage(), e);
        } catch (IOException | DeploymentException | RuntimeException e) {
            transport.abort();
            throw e;
        }
    }

    /**
     * The request, after the configurator's {@code beforeRequest} has seen (and perhaps
     * changed) its headers; subprotocols and extensions are read back from them.
     */
    private static ClientHandshake handshake(ClientEndpointConfig config, URI uri) {
        String key = WebSocketKeys.newKey(KEYS);
        ClientHandshake draft = new ClientHandshake(uri, key, config.getPreferredSubprotocols(),
                Extensions.toOffers(config.getExtensions()), Map.of());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        draft.requestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        config.getConfigurator().beforeRequest(headers);
        List<String> subprotocols = new ArrayList<>();
        for (String value : headers.getOrDefault(SUBPROTOCOL_HEADER, List.of())) {
            for (String protocol : value.split(",")) {
                if (!protocol.isBlank()) {
                    subprotocols.add(protocol.trim());
                }
            }
        }
        List<ExtensionOffer> extensions = ExtensionOffer.parseAll(headers.getOrDefault(EXTENSIONS_HEADER, List.of()));
        return new ClientHandshake(uri, key, subprotocols, extensions, headers);
    }

    private Session start(Endpoint endpoint, ClientEndpointConfig config, Codecs codecs, URI uri, Transport transport,
                          ClientUpgrade upgrade, ClientHandshake.Result result, DeflateCodec deflate, long deadline)
            throws IOException, DeploymentException {
        WebSocketConnection ws = new WebSocketConnection(transport, true, deflate, engineConfig(),
                runtime.executor(), runtime.timer());
        SessionInfo info = new SessionInfo(uri, Map.of(), uri.getRawQuery(),
                Map.of(), null, result.subprotocol(), Extensions.toJakarta(result.extensions()), transport.isSecure());
        TetherSession session = new TetherSession(this, ws, endpoint, config, info, TetherSession.newGroup(),
                runtime, codecs);
        upgrade.handOff(ws, session);
        CompletableFuture<Void> opened = new CompletableFuture<>();
        ws.events().execute(() -> opened.complete(null));
        await(opened, deadline, uri);
        return session;
    }

    /** The permessage-deflate state if the server agreed to it (checked), else null. */
    private DeflateCodec deflateCodec(List<ExtensionOffer> offered, ClientHandshake.Result result)
            throws DeploymentException {
        for (ExtensionOffer extension : result.extensions()) {
            if (DeflateParameters.NAME.equalsIgnoreCase(extension.name())) {
                try {
                    return deflateConfig().newCodec(PerMessageDeflate.checkAgreement(extension, offered), true);
                } catch (IllegalArgumentException e) {
                    throw new DeploymentException("the server's permessage-deflate answer is not acceptable: "
                            + e.getMessage());
                }
            }
        }
        return null;
    }

    private static boolean secureScheme(URI uri) throws DeploymentException {
        String scheme = uri.getScheme();
        if ("ws".equalsIgnoreCase(scheme)) {
            return false;
        }
        if ("wss".equalsIgnoreCase(scheme)) {
            return true;
        }
        throw new DeploymentException("a WebSocket URI has the scheme ws or wss: " + uri);
    }

    private static SSLContext sslContext(ClientEndpointConfig config) throws IOException {
        SSLContext context = config.getSSLContext();
        if (context != null) {
            return context;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, long deadline, URI uri) throws IOException {
        IoHandOff.beforeBlocking();
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        } catch (TimeoutException e) {
            throw new IOException("no connection to " + uri + " within " + CONNECT_TIMEOUT_MILLIS + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HandshakeException h) {
                throw h;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot connect to " + uri + ": " + cause, cause);
        }
    }

    /** Closes every connection this container opened and, if it owns them, its threads. */
    @Override
    public synchronized void close() {
        if (connector != null) {
            connector.close();
            connector = null;
        }
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
