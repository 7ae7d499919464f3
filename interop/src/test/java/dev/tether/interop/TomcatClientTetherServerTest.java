package dev.tether.interop;

import dev.tether.server.Server;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import org.apache.tomcat.websocket.WsWebSocketContainer;

import java.util.List;

/** Tomcat 11's WebSocket client against Tether's standalone server, over {@code ws}. */
class TomcatClientTetherServerTest extends InteropContract {
    Server server;
    WsWebSocketContainer tomcat;

    /** Tomcat has no public {@link Extension} class: an offer of an extension without parameters. */
    record Offer(String name) implements Extension {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }

    boolean tls() {
        return false;
    }

    @Override
    void start() throws Exception {
        server = TetherServerSide.start(tls() ? Tls.get().serverContext : null);
        tomcat = new WsWebSocketContainer();
        tomcat.setDefaultMaxTextMessageBufferSize(Interop.BIG);
        tomcat.setDefaultMaxBinaryMessageBufferSize(Interop.BIG);
    }

    @Override
    void stop() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.destroy();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Override
    Session connect(Recorder recorder, boolean deflate) throws Exception {
        ClientEndpointConfig.Builder config = ClientEndpointConfig.Builder.create();
        if (deflate) {
            config.extensions(List.of(new Offer(Interop.DEFLATE)));
        }
        if (tls()) {
            config.sslContext(Tls.get().clientContext);
        }
        return tomcat.connectToServer(recorder, config.build(), server.uri("/echo"));
    }
}
