package org.example.servletapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Left out by {@link AppConfig}: a handshake to {@code /hidden} must fail. */
@ServerEndpoint("/hidden")
public class NotDeployed {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
