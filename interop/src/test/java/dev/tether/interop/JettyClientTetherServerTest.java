package dev.tether.interop;

import dev.tether.server.Server;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Session;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketExtension;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.util.List;

/** Jetty 12's Jakarta WebSocket client (EE10) against Tether's standalone server, over {@code ws}. */
class JettyClientTetherServerTest extends InteropContract {
    Server server;
    HttpClient httpClient;
    JakartaWebSocketClientContainer jetty;

    boolean tls() {
        return false;
    }

    @Override
    void start() throws Exception {
        server = TetherServerSide.start(tls() ? Tls.get().serverContext : null);
        ClientConnector connector = new ClientConnector();
        if (tls()) {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setSslContext(Tls.get().clientContext);
            connector.setSslContextFactory(ssl);
        }
        httpClient = new HttpClient(new HttpClientTransportOverHTTP(connector));
        httpClient.start();
        jetty = new JakartaWebSocketClientContainer(httpClient);
        jetty.setDefaultMaxTextMessageBufferSize(Interop.BIG);
        jetty.setDefaultMaxBinaryMessageBufferSize(Interop.BIG);
        jetty.start();
    }

    @Override
    void stop() throws Exception {
        try {
            if (jetty != null) {
                jetty.stop();
            }
            if (httpClient != null) {
                httpClient.stop();
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
            config.extensions(List.of(new JakartaWebSocketExtension(Interop.DEFLATE)));
        }
        return jetty.connectToServer(recorder, config.build(), server.uri("/echo"));
    }
}
