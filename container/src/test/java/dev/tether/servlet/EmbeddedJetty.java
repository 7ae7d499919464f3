package dev.tether.servlet;

import org.eclipse.jetty.ee11.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.example.servletapp.AddedByListener;
import org.example.servletapp.AppConfig;
import org.example.servletapp.EchoEndpoint;
import org.example.servletapp.ListenerEndpoint;
import org.example.servletapp.NotDeployed;
import org.example.servletapp.ReverseEndpoint;
import org.example.servletapp.SlowEchoEndpoint;
import org.example.servletapp.UpgradingServlet;

import java.net.URI;

/**
 * Embedded Jetty 12 (its EE 11 servlet container, without Jetty's WebSocket modules) on
 * 127.0.0.1 and a free port, optionally with TLS, serving the test application at {@code /app}.
 * Jetty's servlet module does not scan classes, so the application's classes are handed to
 * Tether's initializer as the annotation scan of a full Jetty would.
 */
final class EmbeddedJetty implements AutoCloseable {
    /**
     * Jetty 12.1's {@code HttpServletRequest.upgrade} (EE 10 and EE 11) hands the upgraded
     * connection an input stream that is the request body's: for a bodiless GET it reports its
     * end ({@code onAllDataRead}, then {@code read} returns -1) as soon as the read listener is
     * set, so no WebSocket frame can be read. Handshakes, routing and refusals still work.
     */
    static final String UPGRADED_INPUT_ENDS_AT_ONCE =
            "Jetty 12.1.14's servlet upgrade ends the upgraded input at once (a GET's empty body)";
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean secure;

    EmbeddedJetty(SelfSignedKeyStore keyStore) throws Exception {
        secure = keyStore != null;
        if (secure) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keyStore.file().toString());
            ssl.setKeyStorePassword(keyStore.password());
            ssl.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, ssl);
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/app");
        context.addServletContainerInitializer(new ServletContainerInitializerHolder(
                TetherServletContainerInitializer.class,
                EchoEndpoint.class, ReverseEndpoint.class, ListenerEndpoint.class, AppConfig.class,
                NotDeployed.class, SlowEchoEndpoint.class, UpgradingServlet.ManualEndpoint.class));
        context.addEventListener(new AddedByListener());
        context.addServlet(UpgradingServlet.class, "/manual/*");
        context.addServlet(PlainServlet.class, "/index.txt");
        server.setHandler(context);
        server.start();
    }

    URI uri(String path) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    URI httpUri(String path) {
        return URI.create((secure ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Answers {@code plain}, as the exploded application's file does on Tomcat. */
    public static class PlainServlet extends jakarta.servlet.http.HttpServlet {
        @Override
        protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                             jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.setContentType("text/plain");
            response.getWriter().print("plain\n");
        }
    }
}
