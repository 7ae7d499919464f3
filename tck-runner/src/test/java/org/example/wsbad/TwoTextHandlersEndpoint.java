package org.example.wsbad;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Invalid: two {@code @OnMessage} methods for text. */
@ServerEndpoint("/bad")
public class TwoTextHandlersEndpoint {
    @OnMessage
    public String one(String text) {
        return text;
    }

    @OnMessage
    public String two(String text, boolean last) {
        return text;
    }
}
