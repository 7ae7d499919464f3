package org.example.catchingapp;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Valid, but in an application that fails: must not be served. */
@ServerEndpoint("/echo")
public class ValidEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
