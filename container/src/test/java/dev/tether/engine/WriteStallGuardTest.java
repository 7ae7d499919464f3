package dev.tether.engine;

import dev.tether.transport.WriteCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stalled-write guard on its own: when it fires, and that it leaves no timer behind. */
class WriteStallGuardTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger stalls = new AtomicInteger();
    private final CountDownLatch stalled = new CountDownLatch(1);

    WriteStallGuardTest() {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private WriteStallGuard guard(Duration timeout) {
        return new WriteStallGuard(timer, timeout, () -> {
            stalls.incrementAndGet();
            stalled.countDown();
        });
    }

    /** Waits until the timer has nothing left to run: every check the guard scheduled has run. */
    private void awaitTimerIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!timer.getQueue().isEmpty() || timer.getActiveCount() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(timer.getQueue().isEmpty(), "a check is still scheduled");
    }

    @Test
    void aWriteThatNeverCompletesStallsOnce() throws Exception {
        WriteStallGuard guard = guard(SHORT);
        guard.track(failure -> { });
        guard.sent();
        assertTrue(stalled.await(10, TimeUnit.SECONDS), "the stalled write was not noticed");
        awaitTimerIdle();
        assertEquals(1, stalls.get());
    }

    @Test
    void aCompletedWriteNeverStallsAndLeavesNoTimer() throws Exception {
        WriteStallGuard guard = guard(SHORT);
        AtomicInteger completions = new AtomicInteger();
        WriteCallback callback = guard.track(failure -> completions.incrementAndGet());
        guard.sent();
        callback.onWriteProgress();
        callback.onWriteComplete(null);
        awaitTimerIdle();
        assertEquals(1, completions.get());
        assertEquals(0, stalls.get());
    }

    @Test
    void stopCancelsTheCheck() throws Exception {
        WriteStallGuard guard = guard(Duration.ofMinutes(1));
        guard.track(failure -> { });
        guard.sent();
        assertEquals(1, timer.getQueue().size());
        guard.stop();
        assertTrue(timer.getQueue().isEmpty());
        assertEquals(0, stalls.get());
    }

    @Test
    void aWriteTheTransportCompletedAtOnceSchedulesNothing() {
        WriteStallGuard guard = guard(Duration.ofMinutes(1));
        guard.track(failure -> { }).onWriteComplete(null);
        guard.sent();
        assertTrue(timer.getQueue().isEmpty(), "a write that was already done got a timer task");
        assertEquals(0, stalls.get());
    }

    @Test
    void aZeroTimeoutWatchesNothing() {
        WriteCallback callback = failure -> { };
        assertSame(callback, guard(Duration.ZERO).track(callback));
        assertTrue(timer.getQueue().isEmpty());
    }
}
