/**
 * Tether: a Jakarta WebSocket 2.2 implementation on its own RFC 6455 engine.
 *
 * <p>Users see the standalone {@link dev.tether.server.Server} (and its command line), the
 * client container, and the Jakarta API; the engine, transports and handshake code stay
 * internal.
 */
module dev.tether.container {
    requires transitive jakarta.websocket;
    requires transitive jakarta.websocket.client;
    requires org.glassfish.grizzly;

    exports dev.tether.server;
    exports dev.tether.client;

    provides jakarta.websocket.ContainerProvider with dev.tether.client.TetherContainerProvider;
    provides jakarta.websocket.server.ServerEndpointConfig.Configurator with dev.tether.server.DefaultServerConfigurator;
}
