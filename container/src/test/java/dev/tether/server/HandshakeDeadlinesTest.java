package dev.tether.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handshake deadlines share one sweeping timer task, which runs only while handshakes are pending. */
class HandshakeDeadlinesTest {
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aPendingHandshakeExpiresWithinAQuarterOfTheTimeoutLate() throws Exception {
        HandshakeDeadlines deadlines = new HandshakeDeadlines(timer, Duration.ofMillis(200));
        CountDownLatch expired = new CountDownLatch(1);
        long start = System.nanoTime();
        deadlines.start(expired::countDown);
        assertTrue(expired.await(5, TimeUnit.SECONDS), "never expired");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis >= 200, "expired early: " + tookMillis + " ms");
        assertTrue(tookMillis < 1000, "expired far too late: " + tookMillis + " ms");
    }

    @Test
    void aFinishedHandshakeNeverExpiresAndTheSweepingStops() throws Exception {
        HandshakeDeadlines deadlines = new HandshakeDeadlines(timer, Duration.ofMillis(100));
        AtomicInteger expiries = new AtomicInteger();
        deadlines.done(deadlines.start(expiries::incrementAndGet));
        Thread.sleep(400);
        assertEquals(0, expiries.get());
        assertTrue(timer.getQueue().isEmpty(), "a sweep is still scheduled with nothing pending");
    }

    @Test
    void manyHandshakesShareOneTimerTask() {
        HandshakeDeadlines deadlines = new HandshakeDeadlines(timer, Duration.ofSeconds(30));
        AtomicInteger expiries = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            HandshakeDeadlines.Deadline deadline = deadlines.start(expiries::incrementAndGet);
            if (i % 2 == 0) {
                deadlines.done(deadline);
            }
        }
        assertEquals(1, timer.getQueue().size());
        assertEquals(0, expiries.get());
    }

    @Test
    void onlyTheOverdueExpire() throws Exception {
        HandshakeDeadlines deadlines = new HandshakeDeadlines(timer, Duration.ofMillis(200));
        AtomicInteger early = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        deadlines.start(early::incrementAndGet);
        Thread.sleep(120);
        HandshakeDeadlines.Deadline second = deadlines.start(late::incrementAndGet);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (early.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, early.get());
        assertEquals(0, late.get(), "a handshake expired before its own timeout");
        deadlines.done(second);
    }
}
