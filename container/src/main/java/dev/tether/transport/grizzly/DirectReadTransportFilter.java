package dev.tether.transport.grizzly;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.memory.ByteBufferWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Grizzly's {@link TransportFilter} for a chain without TLS, except that each read goes into a
 * direct buffer that belongs to the reading thread and is used again by its next read.
 * The socket's bytes thus land where the engine reads them from: Grizzly's own read would copy
 * them from its direct buffer into a heap buffer allocated for that one read (and the heap
 * buffer comes from a pool only on Grizzly's own threads, which, since selector loops move to
 * Tether's pool, is seldom the thread reading).
 *
 * <p>Each thread that reads keeps one such buffer, the size of the socket's receive buffer
 * (16 KiB to 256 KiB), until it ends. Sound because the engine consumes a read before its
 * handler returns and keeps no reference to it
 * ({@link dev.tether.transport.TransportHandler#onRead}). Not for a chain with TLS: Grizzly's
 * TLS filter keeps the bytes of an incomplete record from one read to the next.
 * A subclass rather than a filter of its own in front: Grizzly keeps state per connection for
 * every filter of a chain, and an idle connection should not pay for one more.
 */
final class DirectReadTransportFilter extends TransportFilter {
    private static final int MIN_SIZE = 16 * 1024;
    private static final int MAX_SIZE = 256 * 1024;
    private static final ThreadLocal<Buffer> BUFFERS = new ThreadLocal<>();

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() == null) {
            ctx.setMessage(bufferFor(ctx.getConnection().getReadBufferSize()));
        }
        return super.handleRead(ctx);
    }

    /** This thread's read buffer, emptied, with room for a read of up to {@code socketBuffer} bytes (bounded). */
    private static Buffer bufferFor(int socketBuffer) {
        int size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, socketBuffer));
        Buffer buffer = BUFFERS.get();
        if (buffer == null || buffer.capacity() < size) {
            buffer = new ByteBufferWrapper(ByteBuffer.allocateDirect(size));
            BUFFERS.set(buffer);
        }
        buffer.clear();
        return buffer;
    }
}
