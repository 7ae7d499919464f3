package org.example.catchingapp;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerContainer;

/** Adds an invalid endpoint and swallows the DeploymentException: the application must fail anyway. */
@WebListener
public class CatchingListener implements ServletContextListener {

    /** A text method with a parameter no decoder handles. */
    public static class Invalid {
        @OnMessage
        public void message(String text, Thread notAMessagePart) {
        }
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        try {
            container.addEndpoint(jakarta.websocket.server.ServerEndpointConfig.Builder
                    .create(Invalid.class, "/invalid").build());
        } catch (DeploymentException expected) {
            event.getServletContext().log("caught " + expected);
        }
    }
}
