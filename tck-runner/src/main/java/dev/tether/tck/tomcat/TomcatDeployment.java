package dev.tether.tck.tomcat;

import org.apache.catalina.Context;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One archive deployed as a web application of an {@link EmbeddedTomcat}: exported to a WAR
 * file of its own (a zip, so that nested {@code WEB-INF/lib} jars stay jars), served at
 * {@code /<archive name without extension>}. A deployment whose context did not start is kept,
 * {@link #failed()}, and serves nothing; the TCK's negative tests expect exactly that.
 */
final class TomcatDeployment {
    private static final System.Logger LOG = System.getLogger(TomcatDeployment.class.getName());

    private final String contextName;
    private final Path directory;
    private final Context context;

    private TomcatDeployment(String contextName, Path directory, Context context) {
        this.contextName = contextName;
        this.directory = directory;
        this.context = context;
    }

    /**
     * Exports {@code archive} and adds it to {@code tomcat}.
     *
     * @throws IOException if the WAR file cannot be written
     */
    static TomcatDeployment deploy(EmbeddedTomcat tomcat, Archive<?> archive) throws IOException {
        String name = contextName(archive.getName());
        Path directory = tomcat.newDirectory(name + "-");
        try {
            Path war = directory.resolve(name + ".war");
            archive.as(ZipExporter.class).exportTo(war.toFile(), true);
            Context context = tomcat.addWebApp("/" + name, war);
            TomcatDeployment deployment = new TomcatDeployment(name, directory, context);
            if (deployment.failed()) {
                LOG.log(System.Logger.Level.INFO, "deployment of " + archive.getName() + " failed (context "
                        + context.getStateName() + "); serving nothing at /" + name);
            }
            return deployment;
        } catch (RuntimeException e) {
            EmbeddedTomcat.deleteTree(directory);
            throw e;
        }
    }

    /** {@code ws_session_web.war} gives {@code ws_session_web}. */
    static String contextName(String archiveName) {
        int dot = archiveName.lastIndexOf('.');
        return dot > 0 ? archiveName.substring(0, dot) : archiveName;
    }

    /** The context's name: the archive's name without extension. */
    String contextName() {
        return contextName;
    }

    /** The directory of this deployment's files (its WAR). */
    Path directory() {
        return directory;
    }

    /** True if Tomcat could not start the application (for Tether: an invalid endpoint). */
    boolean failed() {
        return !context.getState().isAvailable();
    }

    /** Removes the application from {@code tomcat} and deletes its WAR file. */
    void undeploy(EmbeddedTomcat tomcat) {
        try {
            tomcat.removeWebApp(context);
        } finally {
            EmbeddedTomcat.deleteTree(directory);
        }
    }
}
