package dev.tether.interop;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.URI;

/**
 * An embedded Jetty 12 (EE 10) on 127.0.0.1 serving {@link EchoServerEndpoint} at {@code /echo}
 * with Jetty's own Jakarta WebSocket server, which offers permessage-deflate by default.
 *
 * <p>The endpoint is deployed with Jetty's own default configurator: with Tether's jar on the
 * same class path, the API's ServiceLoader look-up of the container default configurator could
 * otherwise hand Jetty's server Tether's.
 */
final class JettyServer {
    private final Server server;
    private final ServerConnector connector;
    private final boolean tls;

    JettyServer(Tls tlsMaterial) {
        this.tls = tlsMaterial != null;
        server = new Server();
        if (tls) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(tlsMaterial.keyStoreFile.toString());
            ssl.setKeyStorePassword(Tls.PASSWORD);
            ssl.setKeyStoreType("PKCS12");
            ssl.setCertAlias("tether");
            connector = new ServerConnector(server, ssl);
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(EchoServerEndpoint.config(new ContainerDefaultConfigurator())));
        server.setHandler(context);
    }

    void start() throws Exception {
        server.start();
    }

    URI uri(String path) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    void stop() throws Exception {
        server.stop();
    }
}
