package dev.tether.interop;

import dev.tether.client.TetherClientContainer;
import dev.tether.jakarta.TetherExtension;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;

import java.util.List;

/**
 * Tether's client against Jetty 12's own Jakarta WebSocket server ({@link JettyServer}), over
 * {@code ws}; {@link TetherClientJettyServerWssTest} runs the same contract over {@code wss}.
 */
class TetherClientJettyServerTest extends InteropContract {
    JettyServer server;
    TetherClientContainer client;

    boolean tls() {
        return false;
    }

    @Override
    void start() throws Exception {
        server = new JettyServer(tls() ? Tls.get() : null);
        server.start();
        client = new TetherClientContainer();
        client.setDefaultMaxTextMessageBufferSize(Interop.BIG);
        client.setDefaultMaxBinaryMessageBufferSize(Interop.BIG);
    }

    @Override
    void stop() throws Exception {
        try {
            if (client != null) {
                client.close();
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
            config.extensions(List.of(new TetherExtension(Interop.DEFLATE, List.of())));
        }
        if (tls()) {
            config.sslContext(Tls.get().clientContext);
        }
        return client.connectToServer(recorder, config.build(), server.uri("/echo"));
    }
}
