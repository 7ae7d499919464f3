package dev.tether.servlet;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.net.URI;
import java.nio.file.Path;

/**
 * Embedded Tomcat 11 ({@code tomcat-embed-core} only: no WebSocket implementation of its own)
 * on 127.0.0.1 and a free port, optionally with TLS, that deploys exploded web applications
 * the way a standalone Tomcat does: annotation scanning of {@code WEB-INF/classes}, and
 * Tether's initializer found through {@code META-INF/services} on the class path.
 */
final class EmbeddedTomcat implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector;
    private final boolean secure;

    /**
     * @param keyStore the key store for TLS, or null for plain HTTP
     */
    EmbeddedTomcat(Path baseDir, SelfSignedKeyStore keyStore) throws Exception {
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        secure = keyStore != null;
        if (secure) {
            connector.setSecure(true);
            connector.setScheme("https");
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig ssl = new SSLHostConfig();
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(keyStore.file().toString());
            certificate.setCertificateKeystorePassword(keyStore.password());
            certificate.setCertificateKeystoreType("PKCS12");
            ssl.addCertificate(certificate);
            connector.addSslHostConfig(ssl);
        }
        tomcat.setConnector(connector);
        tomcat.addUser(TestWebApp.USER, TestWebApp.PASSWORD);
        tomcat.addRole(TestWebApp.USER, TestWebApp.ROLE);
        tomcat.getHost();
        tomcat.start();
    }

    /**
     * Deploys the exploded application at {@code docBase} under {@code contextPath}, with
     * Tomcat's default servlet for plain requests and without scanning the test class path.
     * Returns the context, started or (if the application failed) not.
     */
    Context deploy(String contextPath, Path docBase) {
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(docBase.toString());
        context.setParentClassLoader(EmbeddedTomcat.class.getClassLoader());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        Wrapper files = context.createWrapper();
        files.setName("default");
        files.setServletClass(DefaultServlet.class.getName());
        context.addChild(files);
        context.addServletMappingDecoded("/", "default");
        try {
            tomcat.getHost().addChild(context);
        } catch (IllegalStateException e) {
            // A context that fails to start stays deployed but stopped; the caller checks.
        }
        return context;
    }

    static boolean isStarted(Context context) {
        return context.getState() == LifecycleState.STARTED;
    }

    /** Stops and removes an application (an undeployment). */
    void undeploy(Context context) throws Exception {
        tomcat.getHost().removeChild(context);
    }

    URI uri(String path) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    URI httpUri(String path) {
        return URI.create((secure ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
