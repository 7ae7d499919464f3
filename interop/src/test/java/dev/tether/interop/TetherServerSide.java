package dev.tether.interop;

import dev.tether.server.Server;

import javax.net.ssl.SSLContext;

/** Tether's standalone server on 127.0.0.1 with {@link EchoServerEndpoint} at {@code /echo}. */
final class TetherServerSide {
    private TetherServerSide() {
    }

    static Server start(SSLContext sslContext) throws Exception {
        Server.Builder builder = Server.builder().host("127.0.0.1").port(0)
                .endpoint(EchoServerEndpoint.config(null));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        Server server = builder.build();
        server.start();
        return server;
    }
}
