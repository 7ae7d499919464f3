package dev.tether.tck.tomcat;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded Tomcat with a single HTTP/1.1 connector on a free port of one address, and no
 * WebSocket implementation of its own: whatever implements WebSocket comes in as a
 * {@code ServletContainerInitializer} found on the class path (Tether's, in its jar).
 *
 * <p>Web applications are added from WAR files and run as Tomcat runs them: child-first class
 * loading, {@code web.xml}, annotations and {@code @HandlesTypes} processing. Only the
 * application's own {@code WEB-INF/classes} and {@code WEB-INF/lib} are scanned, never the
 * class path, which holds copies of the applications' classes. Not thread-safe: one caller at a
 * time (Arquillian deploys sequentially). Its files live in a temporary base directory that
 * {@link #stop()} deletes.
 */
final class EmbeddedTomcat {
    private static final System.Logger LOG = System.getLogger(EmbeddedTomcat.class.getName());

    private final String host;
    private final Path baseDir;
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector();

    private EmbeddedTomcat(String host, Path baseDir) {
        this.host = host;
        this.baseDir = baseDir;
    }

    /**
     * Starts Tomcat on {@code host} and a free port.
     *
     * @throws LifecycleException if Tomcat cannot start (the port cannot be bound)
     * @throws IOException        if its base directory cannot be created
     */
    static EmbeddedTomcat start(String host) throws LifecycleException, IOException {
        EmbeddedTomcat server = new EmbeddedTomcat(host, Files.createTempDirectory("tether-tomcat-"));
        server.startTomcat();
        return server;
    }

    private void startTomcat() throws LifecycleException {
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname(host);
        connector.setPort(0);
        connector.setProperty("address", host);
        tomcat.setConnector(connector);
        tomcat.getHost().setAutoDeploy(false);
        try {
            tomcat.start();
        } catch (LifecycleException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The port the connector listens on. */
    int port() {
        return connector.getLocalPort();
    }

    /** The address the connector listens on. */
    String host() {
        return host;
    }

    /** A fresh directory inside the base directory, for one deployment's files. */
    Path newDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(baseDir, prefix);
    }

    /**
     * Adds and starts the web application in {@code war} at {@code contextPath}. A web
     * application that fails to start (an initializer throws, a servlet or listener cannot be
     * created) is not an error: its context stays registered but not available, so it serves
     * nothing, and {@link Context#getState()} says so.
     */
    Context addWebApp(String contextPath, Path war) {
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(war.toAbsolutePath().toString());
        context.setUnpackWAR(false);
        context.setParentClassLoader(EmbeddedTomcat.class.getClassLoader());
        // Detectors that need --add-opens and would only log a warning per undeployment without it.
        context.setClearReferencesThreadLocals(false);
        context.setClearReferencesRmiTargets(false);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        context.setJarScanner(scanner);
        context.addLifecycleListener(new WebAppDefaults());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        try {
            tomcat.getHost().addChild(context);
        } catch (IllegalStateException e) {
            // Tomcat's way of saying that the child was added but failed to start.
            LOG.log(System.Logger.Level.DEBUG, "context " + contextPath + " failed to start", e);
        }
        return context;
    }

    /** Stops and removes a web application added by {@link #addWebApp}. */
    void removeWebApp(Context context) {
        tomcat.getHost().removeChild(context);
    }

    /** Stops Tomcat, then deletes its base directory. Never throws; failures are logged. */
    void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "embedded Tomcat did not stop cleanly", e);
        }
        deleteTree(baseDir);
    }

    /** Deletes {@code root} and everything below it; failures are logged, not thrown. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + root + ": " + e);
        }
    }
}
