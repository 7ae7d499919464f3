package dev.tether.transport.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.ssl.SSLFilter;
import org.glassfish.grizzly.ssl.SSLUtils;

import javax.net.ssl.SSLEngine;
import java.io.IOException;

/**
 * Grizzly's TLS filter, with one repair: when the peer's last application data (typically its
 * WebSocket close frame) arrives in the same read as its TLS close_notify, Grizzly 4.1 decrypts
 * the data but stops the filter chain without passing it on. This filter hands such data to the
 * connection's transport itself, so a peer that closes at once is still heard (its close frame
 * is not turned into a 1006). Runs on selector threads like every filter.
 */
final class TlsFilter extends SSLFilter {

    TlsFilter(SSLEngineConfigurator serverConfig, SSLEngineConfigurator clientConfig) {
        super(serverConfig, clientConfig);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Object received = ctx.getMessage();
        NextAction action = super.handleRead(ctx);
        Object decrypted = ctx.getMessage();
        if (decrypted != received && decrypted instanceof Buffer data && data.hasRemaining()
                && action.type() == ctx.getStopAction().type() && inboundDone(ctx.getConnection())) {
            GrizzlyTransport transport = GrizzlyTransport.of(ctx.getConnection());
            if (transport != null) {
                transport.deliver(data);
            }
        }
        return action;
    }

    private static boolean inboundDone(Connection<?> connection) {
        SSLEngine engine = SSLUtils.getSSLEngine(connection);
        return engine != null && engine.isInboundDone();
    }
}
