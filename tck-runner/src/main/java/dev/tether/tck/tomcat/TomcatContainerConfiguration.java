package dev.tether.tck.tomcat;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings of the embedded Tomcat Arquillian container, read from {@code arquillian.xml}
 * ({@code <property name="host">...</property>}). The port is always a free one, chosen when
 * Tomcat starts.
 */
public class TomcatContainerConfiguration implements ContainerConfiguration {
    private String host = "127.0.0.1";

    /** The address Tomcat's connector binds and the tests connect to; default {@code 127.0.0.1}. */
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
