package dev.tether.transport.memory;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * One end of an in-memory byte pipe, for engine tests without sockets. Bytes written on one
 * end are delivered to the other end's handler on a caller-supplied "I/O" executor (a
 * single-threaded one mimics a selector thread), in order, as fresh writable copies.
 *
 * <p>Thread-safe. Closing either end closes both; each end's handler hears it once.
 */
public final class MemoryTransport implements Transport {
    private final Executor io;
    private final Object lock;
    private MemoryTransport peer;
    private volatile TransportHandler handler;
    private boolean closed;
    private boolean paused;
    private final java.util.ArrayDeque<ByteBuffer> heldWhilePaused = new java.util.ArrayDeque<>();

    private MemoryTransport(Executor io, Object lock) {
        this.io = io;
        this.lock = lock;
    }

    /** Two connected ends sharing one I/O executor. */
    public static MemoryTransport[] pair(Executor io) {
        Object lock = new Object();
        MemoryTransport a = new MemoryTransport(io, lock);
        MemoryTransport b = new MemoryTransport(io, lock);
        a.peer = b;
        b.peer = a;
        return new MemoryTransport[] {a, b};
    }

    /** Bytes that arrived before any handler was set wait for it, as in a socket's buffer. */
    @Override
    public void setHandler(TransportHandler handler) {
        this.handler = handler;
        io.execute(this::deliverHeld);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(total);
        for (ByteBuffer b : buffers) {
            copy.put(b.duplicate());
        }
        copy.flip();
        synchronized (lock) {
            if (closed) {
                io.execute(() -> callback.onWriteComplete(new java.io.IOException("closed")));
                return;
            }
        }
        io.execute(() -> {
            peer.receive(copy);
            callback.onWriteComplete(null);
        });
    }

    private void receive(ByteBuffer data) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            // Held bytes go first, so new bytes queue behind them.
            if (paused || handler == null || !heldWhilePaused.isEmpty()) {
                heldWhilePaused.add(data);
                return;
            }
        }
        handler.onRead(data);
    }

    @Override
    public void close() {
        io.execute(this::closeBoth);
    }

    @Override
    public void abort() {
        closeBoth();
    }

    private void closeBoth() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            peer.closed = true;
        }
        io.execute(() -> {
            notifyClosed(this);
            notifyClosed(peer);
        });
    }

    private static void notifyClosed(MemoryTransport end) {
        TransportHandler h = end.handler;
        if (h != null) {
            h.onClosed(null);
        }
    }

    @Override
    public void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    public void resumeReading() {
        io.execute(() -> {
            synchronized (lock) {
                paused = false;
            }
            deliverHeld();
        });
    }

    /** On the I/O executor: hands held bytes to the handler, unless reading is paused or there is none. */
    private void deliverHeld() {
        java.util.List<ByteBuffer> held;
        TransportHandler h;
        synchronized (lock) {
            h = handler;
            if (closed || paused || h == null) {
                return;
            }
            held = new java.util.ArrayList<>(heldWhilePaused);
            heldWhilePaused.clear();
        }
        held.forEach(h::onRead);
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return InetSocketAddress.createUnresolved("memory", 0);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("memory", 1);
    }
}
