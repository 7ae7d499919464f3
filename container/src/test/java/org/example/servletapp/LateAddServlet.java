package org.example.servletapp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;

/** Tries {@code addEndpoint} after the application has started and prints what it threw. */
@WebServlet("/late-add")
public class LateAddServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        String outcome;
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(ListenerEndpoint.class, "/late").build());
            outcome = "added";
        } catch (Exception e) {
            outcome = e.getClass().getName();
        }
        response.setContentType("text/plain");
        response.getWriter().print(outcome);
    }
}
