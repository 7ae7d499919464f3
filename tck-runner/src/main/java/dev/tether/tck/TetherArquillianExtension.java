package dev.tether.tck;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link TetherDeployableContainer} with Arquillian (through {@code META-INF/services}). */
public final class TetherArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, TetherDeployableContainer.class);
    }
}
