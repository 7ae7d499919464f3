package org.example.wsapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Echoes text, prefixed with how many messages this class (in its loader) has seen. */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    /** Shared by every instance loaded by the same class loader. */
    public static int messages;

    @OnMessage
    public String echo(String text) {
        synchronized (EchoEndpoint.class) {
            messages++;
            return messages + ":" + text;
        }
    }
}
