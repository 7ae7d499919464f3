package org.example.servletapp;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Adds {@link ListenerEndpoint} at {@code /added} through the ServerContainer context attribute. */
@WebListener
public class AddedByListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ListenerEndpoint.class, "/added").build());
        } catch (DeploymentException e) {
            throw new IllegalStateException(e);
        }
    }
}
