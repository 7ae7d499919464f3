package org.example.wsapp;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.HashSet;
import java.util.Set;

/**
 * Deploys {@link ReverseEndpoint} at {@code /reverse} and, of the annotated endpoints, only
 * {@link EchoEndpoint}. Remembers what it was offered, for the tests.
 */
public class AppConfig implements ServerApplicationConfig {
    /** The programmatic endpoint classes last offered (names). */
    public static final Set<String> OFFERED_ENDPOINTS = new HashSet<>();

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        endpointClasses.forEach(c -> OFFERED_ENDPOINTS.add(c.getName()));
        Set<ServerEndpointConfig> configs = new HashSet<>();
        for (Class<? extends Endpoint> c : endpointClasses) {
            if (c.getSimpleName().equals("ReverseEndpoint")) {
                configs.add(ServerEndpointConfig.Builder.create(c, "/reverse").build());
            }
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> chosen = new HashSet<>();
        for (Class<?> c : scanned) {
            if (c.getSimpleName().equals("EchoEndpoint")) {
                chosen.add(c);
            }
        }
        return chosen;
    }
}
