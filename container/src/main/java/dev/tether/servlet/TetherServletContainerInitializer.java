package dev.tether.servlet;

import dev.tether.endpoint.TetherServerContainer;
import dev.tether.engine.EngineConfig;
import dev.tether.jakarta.ContainerRuntime;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.EnumSet;
import java.util.Set;

/**
 * Makes Tether the WebSocket implementation of a web application in any Servlet 6 container:
 * the container finds this initializer through {@code META-INF/services} in Tether's jar and
 * hands it the application's {@code @ServerEndpoint} classes, {@link ServerApplicationConfig}
 * implementations and {@link Endpoint} subclasses.
 *
 * <p>For each application it creates Tether's {@link ServerContainer} (with its own threads) and
 * publishes it as the {@code jakarta.websocket.server.ServerContainer} context attribute before
 * any listener runs, deploys the endpoints {@link WebAppEndpoints} chooses, installs the upgrade
 * filter on {@code /*} ahead of the application's filters, and registers the lifecycle listener
 * that closes sessions when HTTP sessions end and when the application stops.
 *
 * <p>An endpoint that fails to deploy fails the application: {@link #onStartup} throws
 * {@link ServletException}, as does the filter's {@code init} if a listener's
 * {@code addEndpoint} failed. Called by the servlet container, once per application.
 */
@HandlesTypes({ServerEndpoint.class, ServerApplicationConfig.class, Endpoint.class})
public final class TetherServletContainerInitializer implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(TetherServletContainerInitializer.class.getName());
    static final String FILTER_NAME = "dev.tether.servlet.WebSocketUpgradeFilter";

    @Override
    public void onStartup(Set<Class<?>> found, ServletContext context) throws ServletException {
        String name = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        ContainerRuntime runtime = new ContainerRuntime("tether" + context.getContextPath().replace('/', '-'));
        TetherServerContainer container = new TetherServerContainer(runtime, EngineConfig.fromSystemProperties());
        HttpSessionSessions httpSessions = new HttpSessionSessions();
        ServletUpgrade upgrade = new ServletUpgrade(container, httpSessions);
        container.setHttpUpgrader(upgrade);
        WebAppLifecycle lifecycle = new WebAppLifecycle(container, runtime, httpSessions);
        try {
            deploy(container, WebAppEndpoints.of(found));
        } catch (DeploymentException | RuntimeException e) {
            lifecycle.stop();
            throw new ServletException("the WebSocket endpoints of " + name + " failed to deploy: " + e.getMessage(), e);
        }
        context.setAttribute(ServerContainer.class.getName(), container);
        context.addListener(lifecycle);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new WebSocketUpgradeFilter(container, upgrade));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        LOG.log(System.Logger.Level.DEBUG, () -> "Tether serves WebSocket endpoints of " + name);
    }

    private static void deploy(TetherServerContainer container, WebAppEndpoints endpoints) throws DeploymentException {
        for (Class<?> annotated : endpoints.annotated()) {
            container.addEndpoint(annotated);
        }
        for (ServerEndpointConfig config : endpoints.configs()) {
            container.addEndpoint(config);
        }
    }
}
