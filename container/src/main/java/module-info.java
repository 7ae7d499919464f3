/**
 * Tether: a Jakarta WebSocket 2.2 implementation on its own RFC 6455 engine.
 *
 * <p>Users see the standalone {@link dev.tether.server.Server} (and its command line), the
 * client container, and the Jakarta API; the engine, transports and handshake code stay
 * internal. In a servlet container, {@code dev.tether.servlet} deploys a web application's
 * endpoints through the container's {@code ServletContainerInitializer} lookup.
 */
module dev.tether.container {
    requires transitive jakarta.websocket;
    requires transitive jakarta.websocket.client;
    requires org.glassfish.grizzly;
    // Only the servlet drop-in needs it, and only inside a servlet container, which brings it.
    requires static jakarta.servlet;

    exports dev.tether.server;
    exports dev.tether.client;

    provides jakarta.websocket.ContainerProvider with dev.tether.client.TetherContainerProvider;
    provides jakarta.websocket.server.ServerEndpointConfig.Configurator with dev.tether.server.DefaultServerConfigurator;
    provides jakarta.servlet.ServletContainerInitializer with dev.tether.servlet.TetherServletContainerInitializer;
}
