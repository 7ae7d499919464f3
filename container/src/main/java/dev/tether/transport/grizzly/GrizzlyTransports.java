package dev.tether.transport.grizzly;

import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * How Tether configures a Grizzly TCP transport: filters on the selector threads, which hand
 * their loop to a pool thread when a read produced application work ({@link HandOffIOStrategy}),
 * no Grizzly worker pool, no Nagle.
 */
final class GrizzlyTransports {
    private GrizzlyTransports() {
    }

    static TCPNIOTransport newTransport(String name) {
        int selectors = Math.max(1, Runtime.getRuntime().availableProcessors());
        ThreadPoolConfig selectorPool = ThreadPoolConfig.defaultConfig()
                .setPoolName(name + "-selector")
                .setCorePoolSize(selectors)
                .setMaxPoolSize(selectors)
                .setDaemon(true);
        TCPNIOTransport transport = TCPNIOTransportBuilder.newInstance()
                .setName(name)
                .setIOStrategy(HandOffIOStrategy.INSTANCE)
                .setSelectorRunnersCount(selectors)
                .setSelectorThreadPoolConfig(selectorPool)
                .setWorkerThreadPoolConfig(null)
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                .build();
        return transport;
    }
}
