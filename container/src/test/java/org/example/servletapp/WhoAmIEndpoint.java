package org.example.servletapp;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;

/** Sends, on open, its user, whether it is in role "chat", and its HTTP session id (or "-"). */
@ServerEndpoint(value = "/secure/whoami", configurator = WhoAmIEndpoint.Recorder.class)
public class WhoAmIEndpoint {

    /** Keeps what only the handshake can tell. */
    public static class Recorder extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request,
                                    jakarta.websocket.HandshakeResponse response) {
            HttpSession http = (HttpSession) request.getHttpSession();
            config.getUserProperties().put("who", (request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName())
                    + " " + request.isUserInRole("chat") + " " + (http == null ? "-" : http.getId()));
        }
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText((String) config.getUserProperties().get("who"));
    }
}
