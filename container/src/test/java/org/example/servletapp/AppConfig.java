package org.example.servletapp;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.HashSet;
import java.util.Set;

/** Deploys {@link ReverseEndpoint} at {@code /reverse} and every annotated endpoint but {@link NotDeployed}. */
public class AppConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpoints) {
        Set<ServerEndpointConfig> configs = new HashSet<>();
        if (endpoints.contains(ReverseEndpoint.class)) {
            configs.add(ServerEndpointConfig.Builder.create(ReverseEndpoint.class, "/reverse").build());
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> chosen = new HashSet<>(scanned);
        chosen.remove(NotDeployed.class);
        return chosen;
    }
}
