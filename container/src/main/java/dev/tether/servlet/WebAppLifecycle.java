package dev.tether.servlet;

import dev.tether.endpoint.TetherServerContainer;
import dev.tether.jakarta.ContainerRuntime;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerContainer;

/**
 * Ties Tether's container for one web application to the application's life: when an HTTP
 * session ends, its authenticated WebSocket sessions close with 1008; when the application
 * stops, every session closes with 1001 (waiting up to the close timeout for the closing
 * handshakes), then the container's client connections and threads are released, so an
 * undeployed application leaves no thread or timer holding its class loader.
 * Called by the servlet container's threads; thread-safe.
 */
final class WebAppLifecycle implements ServletContextListener, HttpSessionListener {
    private static final CloseReason APPLICATION_STOPPING =
            new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the application is stopping");

    private final TetherServerContainer container;
    private final ContainerRuntime runtime;
    private final HttpSessionSessions httpSessions;

    WebAppLifecycle(TetherServerContainer container, ContainerRuntime runtime, HttpSessionSessions httpSessions) {
        this.container = container;
        this.runtime = runtime;
        this.httpSessions = httpSessions;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        httpSessions.ended(event.getSession().getId());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        stop();
        event.getServletContext().removeAttribute(ServerContainer.class.getName());
    }

    /** Closes the sessions and releases the threads. Idempotent. */
    void stop() {
        container.closeDeployment();
        container.closeSessionsAndWait(APPLICATION_STOPPING);
        container.closeClient();
        runtime.close();
    }
}
