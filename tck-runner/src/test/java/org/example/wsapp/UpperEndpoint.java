package org.example.wsapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Answers text in upper case. */
@ServerEndpoint("/upper")
public class UpperEndpoint {
    @OnMessage
    public String upper(String text) {
        return text.toUpperCase(java.util.Locale.ROOT);
    }
}
