package dev.tether.jakarta;

import dev.tether.transport.IoHandOff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A send's future gives back a connection's reading held by the waiting thread before it waits, and only then. */
class SendFutureTest {

    @AfterEach
    void clear() {
        IoHandOff.endHoldingReading();
    }

    @Test
    void waitingForAnUnfinishedSendReleasesTheHeldReadingFirst() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        IoHandOff.holdReading(released::countDown);
        SendFuture future = new SendFuture();
        Thread completer = new Thread(() -> {
            try {
                // The send can only finish once the reading is back: that is what a blocked peer needs.
                if (released.await(5, TimeUnit.SECONDS)) {
                    future.complete(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        completer.start();
        assertNull(future.get(5, TimeUnit.SECONDS));
        assertFalse(IoHandOff.endHoldingReading(), "the reading is still held after the wait");
        completer.join();
    }

    @Test
    void aFinishedSendKeepsTheReadingHeld() throws Exception {
        AtomicInteger releases = new AtomicInteger();
        IoHandOff.holdReading(releases::incrementAndGet);
        SendFuture future = new SendFuture();
        future.complete(null);
        future.get();
        future.join();
        assertEquals(0, releases.get(), "a wait that never blocks gave the reading away");
    }

    @Test
    void everyWayOfWaitingReleases() throws Exception {
        AtomicInteger releases = new AtomicInteger();
        for (int way = 0; way < 3; way++) {
            IoHandOff.holdReading(releases::incrementAndGet);
            SendFuture future = new SendFuture();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Thread completer = new Thread(() -> {
                while (releases.get() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                future.complete(null);
            });
            completer.start();
            switch (way) {
                case 0 -> future.get();
                case 1 -> future.get(5, TimeUnit.SECONDS);
                default -> future.join();
            }
            completer.join();
            assertEquals(1, releases.getAndSet(0), "wait " + way);
        }
    }
}
