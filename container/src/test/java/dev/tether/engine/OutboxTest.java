package dev.tether.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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
    /**
     * Regression (found by SlowConsumerTest): failing the outbox while a batch was being written
     * zeroed the count, and the batch's later end took its bytes off again, leaving it negative.
     */
    @Test
    void aBatchBeingWrittenStaysCountedUntilItEndsAfterAFailure() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ScriptedTransport transport = ScriptedTransport.holdingWrites();
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

            transport.write(0).onWriteComplete(new IOException("aborted"));
            assertEquals(0, outbox.queuedBytes());
            assertEquals(130, outbox.peakQueuedBytes());
            assertFalse(results.contains(null));
        } finally {
            timer.shutdownNow();
        }
    }
}
