package dev.tether.transport.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The last filter of Tether's Grizzly chains: hands decrypted input to the connection's
 * {@link GrizzlyTransport} and reports I/O failures (the end itself is seen by a close
 * listener, which Grizzly calls however the connection ends). Runs on selector threads; everything it calls
 * is non-blocking.
 */
final class TetherFilter extends BaseFilter {
    /** Wraps each accepted connection; null on the client side, where the connector wraps. */
    private final Consumer<Connection<?>> acceptor;

    TetherFilter(Consumer<Connection<?>> acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        GrizzlyTransport transport = GrizzlyTransport.of(ctx.getConnection());
        Buffer buffer = ctx.getMessage();
        if (transport == null) {
            buffer.tryDispose();
            ctx.getConnection().closeSilently();
        } else {
            transport.deliver(buffer);
        }
        return ctx.getStopAction();
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        if (acceptor != null) {
            acceptor.accept(ctx.getConnection());
        }
        return ctx.getStopAction();
    }

    @Override
    public void exceptionOccurred(FilterChainContext ctx, Throwable error) {
        GrizzlyTransport transport = GrizzlyTransport.of(ctx.getConnection());
        if (transport != null) {
            transport.closed(error);
        }
    }
}
