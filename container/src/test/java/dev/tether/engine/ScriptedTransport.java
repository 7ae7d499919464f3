package dev.tether.engine;

import dev.tether.protocol.FrameWriter;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transport for engine tests that records each write as one byte array and either completes
 * it at once or holds it until the test completes it ({@link #write(int)}); it also records
 * whether reading is paused. Input is fed by calling the connection's {@code onRead} directly.
 * Thread-safe.
 */
final class ScriptedTransport implements Transport {
    private final boolean holdWrites;
    private final List<byte[]> writes = new ArrayList<>();
    private final List<WriteCallback> callbacks = new ArrayList<>();
    private volatile boolean paused;

    private ScriptedTransport(boolean holdWrites) {
        this.holdWrites = holdWrites;
    }

    /** One read carrying {@code count} masked client frames of {@code opcode}, each {@code size} bytes of letters. */
    static ByteBuffer clientFrames(int opcode, int count, int size) {
        ByteBuffer read = ByteBuffer.allocate(count * (size + 14));
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[size];
            for (int j = 0; j < size; j++) {
                payload[j] = (byte) ('a' + (i + j) % 26);
            }
            read.put(FrameWriter.maskedFrame(true, 0, opcode, ByteBuffer.wrap(payload), 0x1234_5678 + i));
        }
        return read.flip();
    }

    /**
     * Waits until {@code connection}'s handler has been told it is open ({@code onOpenCalled})
     * and the connection has finished opening: input it gets from now on is read at once.
     */
    static void awaitOpened(WebSocketConnection connection, CountDownLatch onOpenCalled) throws InterruptedException {
        assertTrue(onOpenCalled.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "onOpen was not called");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SessionRecorder.WAIT_SECONDS);
        while (!connection.hasOpened() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(connection.hasOpened(), "the connection did not finish opening");
    }

    /** Every write ends, successfully, inside the call that started it. */
    static ScriptedTransport completingWrites() {
        return new ScriptedTransport(false);
    }

    /** No write ends until the test completes it through {@link #write(int)}. */
    static ScriptedTransport holdingWrites() {
        return new ScriptedTransport(true);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            all.put(b.duplicate());
        }
        synchronized (this) {
            writes.add(all.array());
            callbacks.add(callback);
        }
        if (!holdWrites) {
            callback.onWriteComplete(null);
        }
    }

    synchronized int writeCount() {
        return writes.size();
    }

    /** The bytes of each write so far, in order. */
    synchronized List<byte[]> writes() {
        return new ArrayList<>(writes);
    }

    /** The callback of write {@code i}, for a test that ends held writes. */
    synchronized WriteCallback write(int i) {
        return callbacks.get(i);
    }

    boolean isPaused() {
        return paused;
    }

    @Override
    public void setHandler(TransportHandler handler) {
    }

    @Override
    public void close() {
    }

    @Override
    public void abort() {
    }

    @Override
    public void pauseReading() {
        paused = true;
    }

    @Override
    public void resumeReading() {
        paused = false;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return null;
    }
}
