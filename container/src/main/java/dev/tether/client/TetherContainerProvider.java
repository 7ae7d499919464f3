package dev.tether.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Makes {@link ContainerProvider#getWebSocketContainer()} return Tether's client container
 * (registered through {@link java.util.ServiceLoader}). Every call returns the same shared
 * container, whose threads are daemons, so applications that ask often do not pile up
 * threads. Thread-safe.
 */
public final class TetherContainerProvider extends ContainerProvider {
    private static final class Shared {
        static final TetherClientContainer CONTAINER = new TetherClientContainer();
    }

    @Override
    protected WebSocketContainer getContainer() {
        return Shared.CONTAINER;
    }
}
