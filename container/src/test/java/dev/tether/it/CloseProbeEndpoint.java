package dev.tether.it;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A server endpoint for close tests, deployed on Tether or on a peer: records how each session
 * ends, echoes text, and on {@code "close-me"} starts the closing handshake itself with 4001.
 */
@ServerEndpoint("/closeprobe")
public class CloseProbeEndpoint {
    static final BlockingQueue<CloseReason> CLOSES = new LinkedBlockingQueue<>();

    @OnMessage
    public void text(String message, Session session) throws IOException {
        if (message.equals("close-me")) {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server says bye"));
        } else {
            session.getBasicRemote().sendText(message);
        }
    }

    @OnClose
    public void close(CloseReason reason) {
        CLOSES.add(reason);
    }
}
