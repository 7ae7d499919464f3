package dev.tether.transport.grizzly;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.GenericCloseListener;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.CompositeBuffer;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

/**
 * A {@link Transport} over one Grizzly connection. Reads reach it from {@link TetherFilter} on
 * a selector thread; writes go through the connection's filter chain (so TLS applies) and
 * Grizzly's asynchronous write queue.
 *
 * <p>Thread-safe as {@link Transport} requires.
 */
final class GrizzlyTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(GrizzlyTransport.class.getName());
    private static final Attribute<GrizzlyTransport> ATTRIBUTE =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(GrizzlyTransport.class.getName());

    private final Connection<?> connection;
    private final boolean secure;
    private final MemoryManager<?> memoryManager;
    private volatile TransportHandler handler;
    private boolean closedReported;
    /** The engine asked for no input ({@link #pauseReading()}). Guarded by {@code this}. */
    private boolean readingPaused;
    /**
     * The thread a read handed its task to reads this connection next, not the selector loop,
     * whose read interest is off meanwhile ({@link #holdReading()}). Guarded by {@code this}.
     */
    private boolean readingHeld;

    private GrizzlyTransport(Connection<?> connection, boolean secure) {
        this.connection = connection;
        this.secure = secure;
        this.memoryManager = connection.getMemoryManager();
        // Tether's engine bounds what waits to be written; Grizzly's own limit would only fail writes.
        connection.setMaxAsyncWriteQueueSize(-1);
    }

    /** Wraps {@code connection} and remembers the wrapper on it. */
    static GrizzlyTransport attach(Connection<?> connection, boolean secure, TransportHandler handler) {
        GrizzlyTransport transport = new GrizzlyTransport(connection, secure);
        transport.handler = handler;
        ATTRIBUTE.set(connection, transport);
        connection.addCloseListener((GenericCloseListener) (closeable, type) -> transport.closed(null));
        return transport;
    }

    /** The wrapper attached to {@code connection}, or null. */
    static GrizzlyTransport of(Connection<?> connection) {
        return ATTRIBUTE.get(connection);
    }

    void deliver(Buffer buffer) {
        try {
            if (buffer.isComposite()) {
                for (ByteBuffer part : buffer.toByteBufferArray().getArray()) {
                    if (part != null && part.hasRemaining()) {
                        handler.onRead(part);
                    }
                }
            } else {
                handler.onRead(buffer.toByteBuffer());
            }
        } finally {
            buffer.tryDispose();
        }
    }

    /** Reports the end once, whichever of the close listener and an I/O failure comes first. */
    void closed(Throwable cause) {
        synchronized (this) {
            if (closedReported) {
                return;
            }
            closedReported = true;
        }
        handler.onClosed(cause);
    }

    @Override
    public void setHandler(TransportHandler handler) {
        this.handler = handler;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        Buffer message;
        if (buffers.length == 1) {
            message = Buffers.wrap(memoryManager, buffers[0]);
        } else {
            CompositeBuffer composite = CompositeBuffer.newBuffer(memoryManager);
            for (ByteBuffer b : buffers) {
                composite.append(Buffers.wrap(memoryManager, b));
            }
            message = composite;
        }
        Connection raw = connection;
        raw.write(message, new CompletionHandler<WriteResult>() {
            @Override
            public void cancelled() {
                callback.onWriteComplete(new CancellationException("write cancelled"));
            }

            @Override
            public void failed(Throwable throwable) {
                callback.onWriteComplete(throwable);
            }

            @Override
            public void completed(WriteResult result) {
                callback.onWriteComplete(null);
            }

            @Override
            public void updated(WriteResult result) {
                callback.onWriteProgress();
            }
        });
    }

    @Override
    public void close() {
        connection.closeSilently();
    }

    @Override
    public void abort() {
        connection.terminateSilently();
    }

    @Override
    public synchronized void pauseReading() {
        readingPaused = true;
        setReading(false);
    }

    @Override
    public synchronized void resumeReading() {
        readingPaused = false;
        if (!readingHeld) {
            setReading(true);
        }
    }

    /**
     * Takes this connection's next read away from its selector loop, for the thread that the
     * current read hands its task to ({@link HandOffIOStrategy}): the loop stops watching it
     * until {@link #releaseReading()}. Call on the selector thread, where switching interest off
     * costs no wake-up.
     *
     * @return false if the engine has paused reading: nobody reads then, and nothing is held
     */
    synchronized boolean holdReading() {
        if (readingPaused) {
            return false;
        }
        readingHeld = true;
        setReading(false);
        return true;
    }

    /** Whether the holding thread may still read: it holds the reading and the engine has not paused it since. */
    synchronized boolean mayReadHeld() {
        return readingHeld && !readingPaused;
    }

    /** Gives the reading back to the selector loop (unless the engine has paused it); idempotent. */
    synchronized void releaseReading() {
        if (readingHeld) {
            readingHeld = false;
            if (!readingPaused) {
                setReading(true);
            }
        }
    }

    private void setReading(boolean on) {
        if (connection instanceof NIOConnection nio) {
            try {
                if (on) {
                    nio.enableIOEvent(IOEvent.READ);
                } else {
                    nio.disableIOEvent(IOEvent.READ);
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not change read interest", e);
            }
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) connection.getLocalAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) connection.getPeerAddress();
    }
}
