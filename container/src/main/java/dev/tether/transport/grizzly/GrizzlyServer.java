package dev.tether.transport.grizzly;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * Listens on one address with Grizzly NIO, optionally with TLS, and gives every accepted
 * connection to an acceptor as a {@link Transport}. The acceptor returns the handler of the
 * connection's first bytes (the HTTP handshake) and must not block: it runs on a selector
 * thread.
 *
 * <p>Filters run on the selector threads ({@link HandOffIOStrategy}): Tether's engine does only
 * non-blocking work there and moves application code to its own executor; after a read whose
 * one small message is the selector's only work, the reading thread hands its selector loop to
 * that executor, runs the message itself and then reads that connection once more.
 */
public final class GrizzlyServer {
    private final String host;
    private final int requestedPort;
    private final SSLContext sslContext;
    private final Function<Transport, TransportHandler> acceptor;
    private TCPNIOTransport transport;
    private TCPNIOServerConnection listener;

    /**
     * @param sslContext null for plain TCP
     * @param acceptor   makes the handler of each new connection; called on a selector thread
     */
    public GrizzlyServer(String host, int port, SSLContext sslContext, Function<Transport, TransportHandler> acceptor) {
        this.host = host;
        this.requestedPort = port;
        this.sslContext = sslContext;
        this.acceptor = acceptor;
    }

    /** Binds and starts accepting. */
    public synchronized void start() throws IOException {
        boolean secure = sslContext != null;
        FilterChainBuilder chain = FilterChainBuilder.stateless();
        if (secure) {
            chain.add(new TransportFilter()).add(new TlsFilter(new SSLEngineConfigurator(sslContext, false, false, false), null));
        } else {
            chain.add(new DirectReadTransportFilter());
        }
        chain.add(new TetherFilter(connection -> accept(connection, secure)));
        transport = GrizzlyTransports.newTransport("tether-server");
        transport.setProcessor(chain.build());
        try {
            listener = transport.bind(host, requestedPort);
            transport.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void accept(Connection<?> connection, boolean secure) {
        GrizzlyTransport wrapper = GrizzlyTransport.attach(connection, secure, null);
        wrapper.setHandler(acceptor.apply(wrapper));
    }

    /** The bound port, useful when constructed with port 0. */
    public synchronized int port() {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Stops listening; connections already accepted stay open. */
    public synchronized void unbind() {
        if (transport != null && listener != null) {
            transport.unbind(listener);
        }
    }

    /** Stops accepting and closes every connection at once. */
    public synchronized void stop() {
        if (transport != null) {
            try {
                transport.shutdownNow();
            } catch (IOException e) {
                System.getLogger(GrizzlyServer.class.getName()).log(System.Logger.Level.DEBUG, "shutdown failed", e);
            }
            transport = null;
        }
    }
}
