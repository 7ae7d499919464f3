package org.example.servletapp;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** A programmatic endpoint, deployed at {@code /reverse} by {@link AppConfig}: answers text reversed. */
public class ReverseEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                session.getAsyncRemote().sendText(new StringBuilder(text).reverse().toString()));
    }
}
