package dev.tether.engine;

import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The outbox's byte accounting, with a transport whose writes end when the test says. */
class OutboxTest {

    /** Holds every write's callback; nothing is written until the test completes it. */
    private static final class HeldWrites implements Transport {
        final List<WriteCallback> callbacks = new ArrayList<>();

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            callbacks.add(callback);
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
        }

        @Override
        public void resumeReading() {
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

    /**
     * Regression (found by SlowConsumerTest): failing the outbox while a batch was being written
     * zeroed the count, and the batch's later end took its bytes off again, leaving it negative.
     */
    @Test
    void aBatchBeingWrittenStaysCountedUntilItEndsAfterAFailure() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            HeldWrites transport = new HeldWrites();
            Outbox outbox = new Outbox(transport, 1024, new WriteStallGuard(timer, Duration.ZERO, () -> { }));
            List<Throwable> results = new ArrayList<>();
            assertNull(outbox.enqueueData(new ByteBuffer[] {ByteBuffer.allocate(100)}, results::add, false));
            outbox.flush();
            assertNull(outbox.enqueueData(new ByteBuffer[] {ByteBuffer.allocate(30)}, results::add, false));
            assertEquals(130, outbox.queuedBytes());

            outbox.fail(new IOException("stalled"));
            assertEquals(100, outbox.queuedBytes(), "the batch under way is still the transport's");
            assertEquals(1, results.size(), "the waiting frame failed at once");
            assertNotNull(results.get(0));

            transport.callbacks.get(0).onWriteComplete(new IOException("aborted"));
            assertEquals(0, outbox.queuedBytes());
            assertEquals(130, outbox.peakQueuedBytes());
            assertFalse(results.contains(null));
        } finally {
            timer.shutdownNow();
        }
    }
}
