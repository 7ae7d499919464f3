package org.example.servletapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Echoes text and binary messages of up to 16 MiB. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage(maxMessageSize = 16 * 1024 * 1024)
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage(maxMessageSize = 16 * 1024 * 1024)
    public void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
