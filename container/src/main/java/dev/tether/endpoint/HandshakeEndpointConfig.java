package dev.tether.endpoint;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration one handshake, and then its session, sees: the deployed endpoint's
 * configuration with a user-properties map of its own, a copy taken when the handshake begins
 * (Jakarta WebSocket 2.1+), so what a configurator puts there reaches only this session.
 * Everything else is the deployed configuration's.
 */
public final class HandshakeEndpointConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    public HandshakeEndpointConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        this.userProperties = Collections.synchronizedMap(new HashMap<>(deployed.getUserProperties()));
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }
}
