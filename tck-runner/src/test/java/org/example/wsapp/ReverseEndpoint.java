package org.example.wsapp;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A programmatic endpoint that answers text reversed. */
public class ReverseEndpoint extends BaseEndpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            try {
                session.getBasicRemote().sendText(new StringBuilder(text).reverse().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
