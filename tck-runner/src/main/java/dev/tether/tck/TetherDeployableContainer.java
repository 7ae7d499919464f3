package dev.tether.tck;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Arquillian container that runs each deployed archive on its own Tether standalone server
 * (see {@link DeployedApplication}). Only client-side ({@code testable = false}) tests are
 * supported: the test reaches the application through the URL
 * {@code http://host:port/<archive name>/} that {@link #deploy} reports.
 */
public final class TetherDeployableContainer implements DeployableContainer<TetherContainerConfiguration> {
    private final Map<String, DeployedApplication> deployments = new ConcurrentHashMap<>();
    private TetherContainerConfiguration configuration = new TetherContainerConfiguration();

    @Override
    public Class<TetherContainerConfiguration> getConfigurationClass() {
        return TetherContainerConfiguration.class;
    }

    @Override
    public void setup(TetherContainerConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    /**
     * Starts a server for {@code archive}. An application that Tether rejects still gets its
     * (empty) server and a context: negative tests probe it.
     *
     * @throws DeploymentException if the archive cannot be read or no port can be bound
     */
    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        DeployedApplication app;
        try {
            app = DeployedApplication.start(archive, configuration.getHost());
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException("cannot deploy " + archive.getName(), e);
        }
        DeployedApplication previous = deployments.put(archive.getName(), app);
        if (previous != null) {
            previous.stop();
        }
        HTTPContext context = new HTTPContext(configuration.getHost(), app.port());
        context.add(new Servlet("tether", app.contextPath()));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        DeployedApplication app = deployments.remove(archive.getName());
        if (app != null) {
            app.stop();
        }
    }

    /** Stops whatever is still deployed. */
    @Override
    public void stop() {
        deployments.keySet().forEach(name -> {
            DeployedApplication app = deployments.remove(name);
            if (app != null) {
                app.stop();
            }
        });
    }

    /** The running application deployed from the archive named {@code archiveName}, or null. */
    DeployedApplication deployment(String archiveName) {
        return deployments.get(archiveName);
    }
}
