package dev.tether.bench.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** Tomcat 11 embedded (NIO connector) with {@link EchoEndpoint}. */
public final class TomcatEchoServer implements EchoServer {
    private Path baseDir;
    private Tomcat tomcat;

    /** Deploys the annotated echo endpoint. */
    public static class App implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of(EchoEndpoint.class);
        }
    }

    /** Answers plain HTTP; upgrades are taken by Tomcat's WebSocket filter before it. */
    public static class Fallback extends HttpServlet {
    }

    @Override
    public void start(String host, int port) throws Exception {
        baseDir = Files.createTempDirectory("tether-bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", host);
        // The default of 8,192 would stall the 15,000-connection idle test; the other peers have no cap.
        connector.setProperty("maxConnections", "-1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", Files.createDirectories(baseDir.resolve("root")).toString());
        if (MessageLimit.binary() > 0) {
            // Tomcat allocates both buffers per session, up front.
            context.addParameter("org.apache.tomcat.websocket.textBufferSize", Integer.toString(MessageLimit.text()));
            context.addParameter("org.apache.tomcat.websocket.binaryBufferSize", Integer.toString(MessageLimit.binary()));
        }
        context.addServletContainerInitializer(new WsSci(), Set.of(App.class));
        Tomcat.addServlet(context, "fallback", new Fallback()).addMapping("/");
        tomcat.start();
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
