package org.example.servletapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Echoes binary messages, taking a millisecond over each: a client that floods it is held back. */
@ServerEndpoint("/slow")
public class SlowEchoEndpoint {

    @OnMessage
    public void binary(Session session, ByteBuffer message) throws IOException, InterruptedException {
        Thread.sleep(1);
        session.getBasicRemote().sendBinary(message);
    }
}
