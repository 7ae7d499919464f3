package dev.tether.server;

import dev.tether.client.TetherClientContainer;
import dev.tether.engine.EngineConfig;
import dev.tether.jakarta.BaseContainer;
import dev.tether.jakarta.ContainerRuntime;
import dev.tether.jakarta.TetherSession;
import dev.tether.jakarta.annotated.AnnotatedConfigs;
import dev.tether.jakarta.annotated.AnnotatedEndpointModel;
import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.ClientEndpointConfig;
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
    private final ContainerRuntime runtime;
    private final UriTemplateRouter<EndpointRegistration> router = new UriTemplateRouter<>();
    private final List<EndpointRegistration> registrations = new ArrayList<>();
    private final Set<TetherSession> live = ConcurrentHashMap.newKeySet();
    private volatile boolean deploymentClosed;
    private TetherClientContainer client;

    public TetherServerContainer(ContainerRuntime runtime, EngineConfig engineConfig) {
        super(engineConfig);
        this.runtime = runtime;
    }

    ContainerRuntime runtime() {
        return runtime;
    }

    /** Deploys an annotated {@link ServerEndpoint} class. */
    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        checkDeploymentOpen();
        if (endpointClass.getAnnotation(ServerEndpoint.class) == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint;"
                    + " deploy a programmatic endpoint with a ServerEndpointConfig");
        }
        addEndpoint(AnnotatedConfigs.serverConfig(endpointClass));
    }

    /** Deploys a programmatic {@link Endpoint} or an annotated class with the given configuration. */
    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkDeploymentOpen();
        UriTemplate template = UriTemplate.parse(config.getPath());
        Class<?> endpointClass = config.getEndpointClass();
        CodecPlan codecs = CodecPlan.of(config);
        AnnotatedEndpointModel model = Endpoint.class.isAssignableFrom(endpointClass)
                ? null
                : AnnotatedEndpointModel.of(endpointClass, true, template.variableNames(), codecs);
        EndpointRegistration registration = new EndpointRegistration(config, template, codecs, model);
        synchronized (this) {
            router.add(template, registration);
            registrations.add(registration);
        }
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
    UriTemplateRouter.Match<EndpointRegistration> route(String path) {
        return router.find(path);
    }

    /**
     * Every session this container has started and that has not yet ended, including those whose
     * {@code onOpen} has not run yet (so a stopping server misses none).
     */
    List<TetherSession> liveSessions() {
        return new ArrayList<>(live);
    }

    /** Counts {@code session} as live until its {@code onClose} has run. */
    void started(TetherSession session) {
        live.add(session);
        session.whenClosed(() -> live.remove(session));
    }

    /** The standalone server has no servlet request to upgrade; the servlet drop-in does. */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse,
                                       ServerEndpointConfig sec, Map<String, String> pathParameters)
            throws DeploymentException {
        throw new DeploymentException("upgradeHttpToWebSocket needs a servlet container;"
                + " the standalone server upgrades requests itself");
    }

    private synchronized TetherClientContainer client() {
        if (client == null) {
            client = new TetherClientContainer(runtime, engineConfig());
        }
        return client;
    }

    /** Closes the client connections this container opened. */
    synchronized void closeClient() {
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
