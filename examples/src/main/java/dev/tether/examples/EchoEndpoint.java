package dev.tether.examples;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Sends every message straight back to the peer that sent it, at {@code /echo}.
 *
 * <p>A text message comes back as one text message, a binary message as one binary
 * message, unchanged. Messages of up to {@link #MAX_MESSAGE_SIZE} bytes (16 MiB) are
 * accepted; a larger one closes the connection with 1009 (message too big).
 *
 * <p>The two methods show the two ways an annotated endpoint can answer: by returning
 * a value, which the container sends for you, or by sending through the session's
 * {@link jakarta.websocket.RemoteEndpoint.Basic}.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    /** Largest message echoed, in bytes: 16 MiB, for text and binary alike. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    /**
     * Echoes a text message by returning it.
     *
     * @param message the whole text message
     * @return the same text, sent back as one text message
     */
    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public String onText(String message) {
        return message;
    }

    /**
     * Echoes a binary message by sending it back through the blocking remote.
     *
     * @param message the whole binary message
     * @param session the session it arrived on
     * @throws IOException if it cannot be sent; the container then reports the error
     */
    @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
    public void onBinary(ByteBuffer message, Session session) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
