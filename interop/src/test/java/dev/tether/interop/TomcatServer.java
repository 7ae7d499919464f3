package dev.tether.interop;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator;
import org.apache.tomcat.websocket.server.WsSci;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** An embedded Tomcat 11 on 127.0.0.1 serving {@link EchoServerEndpoint} at {@code /echo}. */
final class TomcatServer {
    private final Path baseDir;
    private final Tomcat tomcat;
    private final Connector connector;
    private final boolean tls;

    /**
     * Deploys the endpoint with Tomcat's own default configurator: with Tether's jar on the same
     * class path, the API's ServiceLoader look-up of the container default configurator could
     * otherwise hand Tomcat's server Tether's.
     */
    public static class App implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return Set.of(EchoServerEndpoint.config(new DefaultServerEndpointConfigurator()));
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }

    /** Answers plain HTTP requests; WebSocket upgrades are taken by Tomcat's filter before it. */
    public static class Fallback extends HttpServlet {
    }

    TomcatServer(Tls tlsMaterial) throws Exception {
        this.tls = tlsMaterial != null;
        baseDir = Files.createTempDirectory("tether-interop-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        if (tls) {
            connector.setSecure(true);
            connector.setScheme("https");
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig host = new SSLHostConfig();
            SSLHostConfigCertificate certificate =
                    new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(tlsMaterial.keyStoreFile.toString());
            certificate.setCertificateKeystorePassword(Tls.PASSWORD);
            certificate.setCertificateKeystoreType("PKCS12");
            certificate.setCertificateKeyAlias("tether");
            host.addCertificate(certificate);
            connector.addSslHostConfig(host);
        }
        tomcat.setConnector(connector);
        Path docBase = Files.createDirectories(baseDir.resolve("root"));
        Context context = tomcat.addContext("", docBase.toString());
        context.addServletContainerInitializer(new WsSci(), Set.of(App.class));
        Tomcat.addServlet(context, "fallback", new Fallback()).addMapping("/");
    }

    void start() throws LifecycleException {
        tomcat.start();
    }

    URI uri(String path) {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        } finally {
            Tls.deleteTree(baseDir);
        }
    }
}
