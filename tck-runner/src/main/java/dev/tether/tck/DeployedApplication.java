package dev.tether.tck;

import dev.tether.server.Server;
import jakarta.websocket.DeploymentException;
import org.jboss.shrinkwrap.api.Archive;

import java.io.IOException;

/**
 * One archive running on its own Tether {@link Server}: the archive's class loader, the
 * endpoints chosen by {@link DeploymentPlan}, a free port on the configured host, and the
 * archive's name (without extension) as context path.
 *
 * <p>A deployment that Tether rejects (an invalid endpoint, a failing
 * {@code ServerApplicationConfig}) is not an error here: it is logged, and an empty server
 * takes its place, so that clients see failed handshakes rather than refused connections,
 * as they would from an application server that refused the application.
 */
final class DeployedApplication {
    private static final System.Logger LOG = System.getLogger(DeployedApplication.class.getName());

    private final String contextPath;
    private final Server server;
    private final boolean failed;
    private ArchiveClassLoader loader;

    private DeployedApplication(String contextPath, Server server, boolean failed, ArchiveClassLoader loader) {
        this.contextPath = contextPath;
        this.server = server;
        this.failed = failed;
        this.loader = loader;
    }

    /**
     * Deploys {@code archive} on a new server listening on {@code host}.
     *
     * @throws IOException if no port can be bound
     */
    static DeployedApplication start(Archive<?> archive, String host) throws IOException {
        String contextPath = "/" + contextName(archive.getName());
        ArchiveContents contents = ArchiveContents.of(archive);
        ArchiveClassLoader loader = new ArchiveClassLoader(archive.getName(), contents,
                DeployedApplication.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Server server = null;
            try {
                server = serverFor(DeploymentPlan.of(EndpointScan.of(contents, loader)), host, contextPath);
                server.start();
                return new DeployedApplication(contextPath, server, false, loader);
            } catch (DeploymentException | ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, "deployment of " + archive.getName()
                        + " failed; serving nothing at " + contextPath + ": " + e);
                LOG.log(System.Logger.Level.DEBUG, "deployment failure", e);
                if (server != null) {
                    server.stop();
                }
                Server empty = Server.builder().host(host).port(0).contextPath(contextPath).build();
                startEmpty(empty);
                return new DeployedApplication(contextPath, empty, true, loader);
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Server serverFor(DeploymentPlan plan, String host, String contextPath) {
        Server.Builder builder = Server.builder().host(host).port(0).contextPath(contextPath);
        plan.annotated().forEach(builder::endpoint);
        plan.configs().forEach(builder::endpoint);
        return builder.build();
    }

    private static void startEmpty(Server empty) throws IOException {
        try {
            empty.start();
        } catch (DeploymentException e) {
            throw new IllegalStateException("a server without endpoints failed to deploy", e);
        }
    }

    /** {@code ws_session_web.war} gives {@code ws_session_web}. */
    static String contextName(String archiveName) {
        int dot = archiveName.lastIndexOf('.');
        return dot > 0 ? archiveName.substring(0, dot) : archiveName;
    }

    /** The context path, such as {@code /ws_session_web}. */
    String contextPath() {
        return contextPath;
    }

    /** The port the server listens on. */
    int port() {
        return server.port();
    }

    /** Whether Tether rejected the application (an empty server then stands in for it). */
    boolean failed() {
        return failed;
    }

    /** The archive's class loader (null once stopped). */
    ClassLoader loader() {
        return loader;
    }

    /** Stops the server and lets the class loader go. */
    void stop() {
        server.stop();
        loader = null;
    }
}
