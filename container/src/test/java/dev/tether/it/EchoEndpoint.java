package dev.tether.it;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Echoes every message back as one message of the same type. */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    @OnMessage(maxMessageSize = 32L * 1024 * 1024)
    public String text(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = 32L * 1024 * 1024)
    public void binary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
