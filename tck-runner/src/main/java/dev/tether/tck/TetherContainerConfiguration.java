package dev.tether.tck;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings of the Tether Arquillian container, read from {@code arquillian.xml}
 * ({@code <property name="host">...</property>}).
 */
public class TetherContainerConfiguration implements ContainerConfiguration {
    private String host = "127.0.0.1";

    /** The address every deployment's server listens on and the tests connect to; default {@code 127.0.0.1}. */
    public String getHost() {
        return host;
    }

    /** Sets {@link #getHost()}. */
    public void setHost(String host) {
        this.host = host;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("host must be set");
        }
    }
}
