package dev.tether.transport.grizzly;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.nio.transport.TCPNIOConnectorHandler;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.ssl.SSLFilter;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens client connections with Grizzly NIO, all sharing one Grizzly transport (and so its
 * selector threads), with TLS per connection where asked. A TLS connection verifies the
 * server's certificate against the host name (HTTPS rules) and sends SNI.
 *
 * <p>Thread-safe. {@link #close()} stops the shared transport and every connection on it.
 */
public final class GrizzlyConnector implements AutoCloseable {
    private final TCPNIOTransport transport;
    private final FilterChain plainChain;

    public GrizzlyConnector() throws IOException {
        transport = GrizzlyTransports.newTransport("tether-client");
        plainChain = FilterChainBuilder.stateless().add(new DirectReadTransportFilter()).add(new TetherFilter(null)).build();
        transport.setProcessor(plainChain);
        transport.start();
    }

    /**
     * Connects to {@code host:port}; with an {@code sslContext}, also completes the TLS handshake.
     * The returned transport delivers input to {@code handler}.
     */
    public CompletableFuture<Transport> connect(String host, int port, SSLContext sslContext, TransportHandler handler) {
        CompletableFuture<Transport> result = new CompletableFuture<>();
        SSLFilter ssl = sslContext == null ? null : new TlsFilter(null, clientEngines(sslContext, host, port));
        FilterChain chain = ssl == null ? plainChain
                : FilterChainBuilder.stateless().add(new TransportFilter()).add(ssl).add(new TetherFilter(null)).build();
        TCPNIOConnectorHandler connector = TCPNIOConnectorHandler.builder(transport).processor(chain).build();
        connector.connect(new InetSocketAddress(host, port), null, new CompletionHandler<Connection>() {
            @Override
            public void completed(Connection connection) {
                GrizzlyTransport wrapper = GrizzlyTransport.attach(connection, ssl != null, handler);
                if (ssl == null) {
                    result.complete(wrapper);
                    return;
                }
                try {
                    ssl.handshake(connection, new CompletionHandler<SSLEngine>() {
                        @Override
                        public void completed(SSLEngine engine) {
                            result.complete(wrapper);
                        }

                        @Override
                        public void failed(Throwable t) {
                            connection.closeSilently();
                            result.completeExceptionally(t);
                        }

                        @Override
                        public void cancelled() {
                            failed(new IOException("TLS handshake cancelled"));
                        }

                        @Override
                        public void updated(SSLEngine engine) {
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    connection.closeSilently();
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void failed(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void cancelled() {
                result.completeExceptionally(new IOException("connect cancelled"));
            }

            @Override
            public void updated(Connection connection) {
            }
        });
        return result;
    }

    /** Client engines that check the certificate against {@code host}, whatever address the socket has. */
    private static SSLEngineConfigurator clientEngines(SSLContext context, String host, int port) {
        return new SSLEngineConfigurator(context, true, false, false) {
            @Override
            public SSLEngine createSSLEngine(String peerHost, int peerPort) {
                SSLEngine engine = getSslContext().createSSLEngine(host, port);
                engine.setUseClientMode(true);
                SSLParameters params = engine.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!host.isEmpty() && Character.isLetter(host.charAt(0)) && host.indexOf(':') < 0) {
                    params.setServerNames(List.of(new SNIHostName(host)));
                }
                engine.setSSLParameters(params);
                return engine;
            }
        };
    }

    @Override
    public void close() {
        try {
            transport.shutdownNow();
        } catch (IOException e) {
            System.getLogger(GrizzlyConnector.class.getName()).log(System.Logger.Level.DEBUG, "shutdown failed", e);
        }
    }
}
