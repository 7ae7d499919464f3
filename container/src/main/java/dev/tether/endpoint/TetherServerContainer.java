package dev.tether.endpoint;

import dev.tether.client.TetherClientContainer;
import dev.tether.engine.EngineConfig;
import dev.tether.jakarta.BaseContainer;
import dev.tether.jakarta.ContainerRuntime;
import dev.tether.jakarta.TetherSession;
import dev.tether.jakarta.annotated.AnnotatedConfigs;
import dev.tether.jakarta.annotated.AnnotatedEndpointModel;
import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tether's {@link ServerContainer}: the endpoints of one application, matched by path, and the
 * defaults their sessions start with. It is also a client container
 * ({@code connectToServer}), as the specification requires.
 *
 * <p>Endpoints may be added until the application has started ({@link #closeDeployment()});
 * after that {@code addEndpoint} throws {@link IllegalStateException}. Thread-safe.
 */
public final class TetherServerContainer extends BaseContainer implements ServerContainer {
    private static final System.Logger LOG = System.getLogger(TetherServerContainer.class.getName());
    private final ContainerRuntime runtime;
    private final UriTemplateRouter<EndpointRegistration> router = new UriTemplateRouter<>();
    private final List<EndpointRegistration> registrations = new ArrayList<>();
    private final Set<TetherSession> live = ConcurrentHashMap.newKeySet();
    private volatile boolean deploymentClosed;
    private DeploymentException deploymentFailure;
    private volatile HttpUpgrader httpUpgrader;
    private TetherClientContainer client;

    public TetherServerContainer(ContainerRuntime runtime, EngineConfig engineConfig) {
        super(engineConfig);
        this.runtime = runtime;
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    /** Deploys an annotated {@link ServerEndpoint} class. */
    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkDeploymentOpen();
        if (endpointClass.getAnnotation(ServerEndpoint.class) == null) {
            throw failed(new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint;"
                    + " deploy a programmatic endpoint with a ServerEndpointConfig"));
        }
        ServerEndpointConfig config;
        try {
            config = AnnotatedConfigs.serverConfig(endpointClass);
        } catch (DeploymentException e) {
            throw failed(e);
        }
        addEndpoint(config);
    }

    /** Deploys a programmatic {@link Endpoint} or an annotated class with the given configuration. */
    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkDeploymentOpen();
        try {
            EndpointRegistration registration = register(config);
            synchronized (this) {
                router.add(registration.template(), registration);
                registrations.add(registration);
            }
        } catch (DeploymentException e) {
            throw failed(e);
        }
    }

    /** Checks {@code config} as deployment would, without routing requests to it. */
    public EndpointRegistration register(ServerEndpointConfig config) throws DeploymentException {
        UriTemplate template = UriTemplate.parse(config.getPath());
        Class<?> endpointClass = config.getEndpointClass();
        CodecPlan codecs = CodecPlan.of(config);
        AnnotatedEndpointModel model = Endpoint.class.isAssignableFrom(endpointClass)
                ? null
                : AnnotatedEndpointModel.of(endpointClass, true, template.variableNames(), codecs);
        return new EndpointRegistration(config, template, codecs, model);
    }

    /** Remembers the first failed deployment: the application fails even if it caught the exception. */
    private DeploymentException failed(DeploymentException e) {
        synchronized (this) {
            if (deploymentFailure == null) {
                deploymentFailure = e;
            }
        }
        return e;
    }

    /**
     * The first {@code DeploymentException} any {@code addEndpoint} threw, or null. A front end
     * that deploys applications fails the application when this is set.
     */
    public synchronized DeploymentException deploymentFailure() {
        return deploymentFailure;
    }

    private void checkDeploymentOpen() {
        if (deploymentClosed) {
            throw new IllegalStateException("endpoints can only be added while the application deploys");
        }
    }

    /** Ends deployment: from now on {@code addEndpoint} throws {@link IllegalStateException}. */
    public void closeDeployment() {
        deploymentClosed = true;
    }

    /** The endpoint for a request path (without context path or query), or null. */
    public UriTemplateRouter.Match<EndpointRegistration> route(String path) {
        return router.find(path);
    }

    /**
     * Every session this container has started and that has not yet ended, including those whose
     * {@code onOpen} has not run yet (so a stopping server misses none).
     */
    public List<TetherSession> liveSessions() {
        return new ArrayList<>(live);
    }

    /**
     * Closes every live session with {@code reason}, all at once, and waits up to the close
     * timeout for their closing handshakes; sessions that a handshake already under way starts
     * meanwhile are closed as they appear.
     */
    public void closeSessionsAndWait(CloseReason reason) {
        long deadline = System.currentTimeMillis() + engineConfig().closeTimeout().toMillis();
        while (System.currentTimeMillis() < deadline) {
            List<TetherSession> live = liveSessions();
            if (live.isEmpty()) {
                return;
            }
            for (TetherSession session : live) {
                try {
                    session.startClose(reason);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing " + session.getId() + " failed", e);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Counts {@code session} as live until its {@code onClose} has run. */
    public void started(TetherSession session) {
        live.add(session);
        session.whenClosed(() -> live.remove(session));
    }

    /**
     * Upgrades a servlet request to a WebSocket session of {@code sec}, in a servlet container
     * (the servlet drop-in installs the {@link HttpUpgrader}); the standalone server has no
     * servlet requests and throws {@link DeploymentException}.
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse,
                                       ServerEndpointConfig sec, Map<String, String> pathParameters)
            throws IOException, DeploymentException {
        HttpUpgrader upgrader = httpUpgrader;
        if (upgrader == null) {
            throw new DeploymentException("upgradeHttpToWebSocket needs a servlet container;"
                    + " the standalone server upgrades requests itself");
        }
        EndpointRegistration registration = register(sec);
        upgrader.upgrade(httpServletRequest, httpServletResponse,
                new UriTemplateRouter.Match<>(registration.template(), registration, Map.copyOf(pathParameters)));
    }

    /** Installs the servlet front end's upgrade for {@link #upgradeHttpToWebSocket}. */
    public void setHttpUpgrader(HttpUpgrader upgrader) {
        this.httpUpgrader = upgrader;
    }

    /** A front end that can upgrade an HTTP request it was handed as an {@code Object}. */
    public interface HttpUpgrader {
        /**
         * Upgrades the request to a session of the endpoint {@code match} names, or answers it
         * with the refusal the handshake deserves.
         *
         * @throws IOException if the response cannot be written
         */
        void upgrade(Object request, Object response, UriTemplateRouter.Match<EndpointRegistration> match)
                throws IOException;
    }

    private synchronized TetherClientContainer client() {
        if (client == null) {
            client = new TetherClientContainer(runtime, engineConfig());
        }
        return client;
    }

    /** Closes the client connections this container opened. */
    public synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }
}
