package dev.tether.bench.server;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The endpoint every Jakarta peer serves at {@code /echo}: a text message comes back with
 * {@code sendText}, a binary one with {@code sendBinary}, both through the blocking remote.
 * One instance per session, as the annotation model gives; no state of its own.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    /** Raises the session's message size limits when the runner asked for large messages. */
    @OnOpen
    public void open(Session session) {
        if (MessageLimit.binary() > 0) {
            session.setMaxTextMessageBufferSize(MessageLimit.text());
            session.setMaxBinaryMessageBufferSize(MessageLimit.binary());
        }
    }

    @OnMessage
    public void text(String message, Session session) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage
    public void binary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
