package dev.tether.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One byte-stream connection as the engine sees it: bytes arrive at a {@link TransportHandler},
 * bytes leave through {@link #write}, and the connection can be closed.
 *
 * <p>Implementations: Grizzly NIO (with or without TLS) and an in-memory pipe for tests.
 *
 * <p>Threading: {@link #write}, {@link #close}, {@link #abort}, {@link #pauseReading} and
 * {@link #resumeReading} may be called from any thread. The handler's callbacks come from the
 * transport's I/O thread, one at a time.
 */
public interface Transport {

    /** Installs the handler that receives this connection's input from now on. */
    void setHandler(TransportHandler handler);

    /**
     * Writes {@code buffers} in order, after anything written before, without blocking.
     * The transport owns the buffers until {@code callback} runs; the callback runs exactly once,
     * possibly on an I/O thread, and must not block.
     */
    void write(ByteBuffer[] buffers, WriteCallback callback);

    /** Closes the connection after the writes already requested have gone out. Idempotent. */
    void close();

    /** Closes the connection at once, dropping pending writes. Idempotent. */
    void abort();

    /** Stops delivering input until {@link #resumeReading()}; bytes already read may still arrive. */
    void pauseReading();

    /** Resumes delivering input after {@link #pauseReading()}. */
    void resumeReading();

    /** Whether the connection is encrypted (TLS). */
    boolean isSecure();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();
}
