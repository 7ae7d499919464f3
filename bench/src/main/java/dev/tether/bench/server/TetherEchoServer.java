package dev.tether.bench.server;

import dev.tether.server.Server;

/** Tether's standalone server ({@link Server}) with {@link EchoEndpoint}. */
public final class TetherEchoServer implements EchoServer {
    private Server server;

    @Override
    public void start(String host, int port) throws Exception {
        Server.Builder builder = Server.builder().host(host).port(port).endpoint(EchoEndpoint.class);
        server = builder.build();
        server.start();
    }

    @Override
    public void stop() {
        server.stop();
    }
}
