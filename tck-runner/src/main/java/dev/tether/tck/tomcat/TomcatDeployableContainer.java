package dev.tether.tck.tomcat;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Arquillian container that deploys archives as web applications of one embedded Tomcat 11
 * (see {@link EmbeddedTomcat}), in which Tether, found on the class path as a
 * {@code ServletContainerInitializer}, is the only WebSocket implementation. Only client-side
 * ({@code testable = false}) tests are supported: the test reaches an application through the
 * URL {@code http://host:port/<archive name>/} that {@link #deploy} reports.
 *
 * <p>Arquillian calls it from one thread at a time; the methods are synchronized anyway.
 */
public final class TomcatDeployableContainer implements DeployableContainer<TomcatContainerConfiguration> {
    private final Map<String, TomcatDeployment> deployments = new LinkedHashMap<>();
    private TomcatContainerConfiguration configuration = new TomcatContainerConfiguration();
    private EmbeddedTomcat tomcat;

    @Override
    public Class<TomcatContainerConfiguration> getConfigurationClass() {
        return TomcatContainerConfiguration.class;
    }

    @Override
    public void setup(TomcatContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    /**
     * Starts Tomcat on the configured host and a free port.
     *
     * @throws LifecycleException if it is already started or cannot start
     */
    @Override
    public synchronized void start() throws LifecycleException {
        if (tomcat != null) {
            throw new LifecycleException("embedded Tomcat is already started");
        }
        try {
            tomcat = EmbeddedTomcat.start(configuration.getHost());
        } catch (org.apache.catalina.LifecycleException | IOException e) {
            throw new LifecycleException("cannot start embedded Tomcat", e);
        }
    }

    /** Undeploys whatever is still deployed and stops Tomcat. */
    @Override
    public synchronized void stop() {
        if (tomcat == null) {
            return;
        }
        deployments.values().forEach(d -> d.undeploy(tomcat));
        deployments.clear();
        tomcat.stop();
        tomcat = null;
    }

    /**
     * Deploys {@code archive} at {@code /<archive name without extension>}. An application that
     * fails to start (Tether rejects an endpoint) is not an error: it still gets its context
     * root, and serves nothing there; negative tests probe it.
     *
     * @throws DeploymentException if Tomcat is not started or the archive cannot be exported
     */
    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (tomcat == null) {
            throw new DeploymentException("embedded Tomcat is not started");
        }
        undeploy(archive);
        TomcatDeployment deployment;
        try {
            deployment = TomcatDeployment.deploy(tomcat, archive);
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException("cannot deploy " + archive.getName(), e);
        }
        deployments.put(archive.getName(), deployment);
        HTTPContext context = new HTTPContext(tomcat.host(), tomcat.port());
        context.add(new Servlet(deployment.contextName(), "/" + deployment.contextName()));
        return new ProtocolMetaData().addContext(context);
    }

    /** Removes the application deployed from {@code archive}, if any, and deletes its files. */
    @Override
    public synchronized void undeploy(Archive<?> archive) {
        TomcatDeployment deployment = deployments.remove(archive.getName());
        if (deployment != null) {
            deployment.undeploy(tomcat);
        }
    }

    /** The application deployed from the archive named {@code archiveName}, or null. */
    synchronized TomcatDeployment deployment(String archiveName) {
        return deployments.get(archiveName);
    }
}
