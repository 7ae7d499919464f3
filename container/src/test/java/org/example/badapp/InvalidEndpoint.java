package org.example.badapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Two text message methods: deployment must fail, and with it the application. */
@ServerEndpoint("/invalid")
public class InvalidEndpoint {

    @OnMessage
    public void first(String message) {
    }

    @OnMessage
    public void second(String message) {
    }
}
