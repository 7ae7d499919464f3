package dev.tether.bench.server;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10 Jakarta WebSocket server) with {@link EchoEndpoint} in a root servlet context. */
public final class JettyEchoServer implements EchoServer {
    private Server server;

    @Override
    public void start(String host, int port) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            if (MessageLimit.binary() > 0) {
                container.setDefaultMaxTextMessageBufferSize(MessageLimit.text());
                container.setDefaultMaxBinaryMessageBufferSize(MessageLimit.binary());
            }
            container.addEndpoint(EchoEndpoint.class);
        });
        server.start();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
