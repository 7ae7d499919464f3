package org.example.servletapp;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.Map;

/** Upgrades {@code /manual/<id>} itself with {@code ServerContainer.upgradeHttpToWebSocket}. */
@WebServlet("/manual/*")
public class UpgradingServlet extends HttpServlet {

    /** Answers "<id>:" and the text. */
    public static class ManualEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String id = session.getPathParameters().get("id");
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                    session.getAsyncRemote().sendText(id + ":" + text));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        try {
            container.upgradeHttpToWebSocket(request, response,
                    ServerEndpointConfig.Builder.create(ManualEndpoint.class, "/manual/{id}").build(), Map.of("id", id));
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }
}
