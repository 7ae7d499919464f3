package dev.tether.tck;

import dev.tether.tck.tomcat.TomcatDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers Tether's Arquillian container (through {@code META-INF/services}): exactly one per
 * run, chosen by the system property {@value #MODE_PROPERTY}. {@code standalone} (the default)
 * deploys each archive on its own Tether server ({@link TetherDeployableContainer});
 * {@code tomcat} deploys them in one embedded Tomcat with Tether as its WebSocket implementation
 * ({@link TomcatDeployableContainer}).
 */
public final class TetherArquillianExtension implements LoadableExtension {
    /** The system property that chooses the container. */
    public static final String MODE_PROPERTY = "tether.tck.mode";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, containerFor(System.getProperty(MODE_PROPERTY, "standalone")));
    }

    /**
     * The container class for a mode.
     *
     * @throws IllegalArgumentException for a mode other than {@code standalone} and {@code tomcat}
     */
    static Class<? extends DeployableContainer<?>> containerFor(String mode) {
        return switch (mode) {
            case "standalone" -> TetherDeployableContainer.class;
            case "tomcat" -> TomcatDeployableContainer.class;
            default -> throw new IllegalArgumentException(
                    MODE_PROPERTY + " must be standalone or tomcat, not '" + mode + "'");
        };
    }
}
