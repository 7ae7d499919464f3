package dev.tether.transport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-thread slot: open for one event, one task at most, refused once declined or closed. */
class IoHandOffTest {
    private final Executor pool = Runnable::run;

    @Test
    void withNoSlotOpenEveryOfferIsRefused() {
        assertFalse(IoHandOff.offer(() -> { }, pool));
    }

    @Test
    void anOpenSlotTakesOneTaskAndItsPool() {
        Runnable first = () -> { };
        IoHandOff slot = IoHandOff.open();
        try {
            assertTrue(IoHandOff.offer(first, pool));
            assertFalse(IoHandOff.offer(() -> { }, pool), "a second task took the slot");
            assertSame(first, slot.task());
            assertSame(pool, slot.pool());
        } finally {
            slot.close();
        }
        assertFalse(IoHandOff.offer(() -> { }, pool), "a closed slot took a task");
        assertNull(slot.task());
    }

    @Test
    void aDeclinedEventRefusesOffers() {
        IoHandOff slot = IoHandOff.open();
        try {
            IoHandOff.decline();
            assertFalse(IoHandOff.offer(() -> { }, pool));
            assertNull(slot.task());
        } finally {
            slot.close();
        }
    }

    @Test
    void anEventInsideAnEventLeavesTheSlotToTheOuterOne() {
        IoHandOff slot = IoHandOff.open();
        try {
            assertNull(IoHandOff.open());
            assertTrue(IoHandOff.offer(() -> { }, pool));
        } finally {
            slot.close();
        }
    }

    @Test
    void slotsArePerThread() throws Exception {
        IoHandOff slot = IoHandOff.open();
        try {
            boolean[] taken = {true};
            Thread other = new Thread(() -> taken[0] = IoHandOff.offer(() -> { }, pool));
            other.start();
            other.join();
            assertFalse(taken[0], "another thread's offer went into this thread's slot");
        } finally {
            slot.close();
        }
    }
}
