package dev.tether.engine;

import dev.tether.transport.IoHandOff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order, one thread at a time, holds, and the action run whenever the queue runs dry. */
class SerialExecutorTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    /** Counts the drains it is asked to start, and starts them on the pool. */
    private final class CountingPool implements java.util.concurrent.Executor {
        final AtomicInteger drains = new AtomicInteger();

        @Override
        public void execute(Runnable command) {
            drains.incrementAndGet();
            pool.execute(command);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void tasksRunInOrderNeverTwoAtOnce() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1000);
        List<Integer> overlaps = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 1000; i++) {
            int n = i;
            serial.execute(() -> {
                if (running.incrementAndGet() != 1) {
                    overlaps.add(n);
                }
                ran.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(overlaps.isEmpty(), "ran at once with another: " + overlaps);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, ran.get(i));
        }
    }

    @Test
    void heldTasksWaitForTheReleaseAndThenStartOneDrain() throws Exception {
        CountingPool counting = new CountingPool();
        SerialExecutor serial = new SerialExecutor(counting);
        CountDownLatch done = new CountDownLatch(3);
        serial.hold();
        serial.hold();
        for (int i = 0; i < 3; i++) {
            serial.execute(done::countDown);
        }
        serial.release();
        assertEquals(0, counting.drains.get(), "still held once");
        assertEquals(3, done.getCount());
        serial.release();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(1, counting.drains.get(), "three tasks, one hand-off");
    }

    @Test
    void aReleaseWithNothingQueuedStartsNothing() {
        CountingPool counting = new CountingPool();
        SerialExecutor serial = new SerialExecutor(counting);
        serial.hold();
        serial.release();
        assertEquals(0, counting.drains.get());
    }

    @Test
    void theDryActionRunsOnTheDrainingThreadAfterTheLastTaskAndWhatItQueuesRunsToo() throws Exception {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger dry = new AtomicInteger();
        SerialExecutor[] self = new SerialExecutor[1];
        CountDownLatch done = new CountDownLatch(1);
        self[0] = new SerialExecutor(pool, () -> {
            assertTrue(self[0].isCurrentThread());
            ran.add("dry");
            if (dry.incrementAndGet() == 1) {
                self[0].execute(() -> ran.add("queued by the dry action"));
            } else {
                done.countDown();
            }
        });
        self[0].hold();
        self[0].execute(() -> ran.add("a"));
        self[0].execute(() -> {
            ran.add("b");
            assertFalse(self[0].hasWaitingTasks());
        });
        self[0].release();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "dry", "queued by the dry action", "dry"), ran);
    }

    @Test
    void hasWaitingTasksSeesTheRestOfABatch() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Boolean> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        serial.hold();
        for (int i = 0; i < 3; i++) {
            serial.execute(() -> {
                seen.add(serial.hasWaitingTasks());
                done.countDown();
            });
        }
        serial.release();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(true, true, false), seen);
    }

    @Test
    void isCurrentThreadOnlyInsideATask() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        assertFalse(serial.isCurrentThread());
        CountDownLatch done = new CountDownLatch(1);
        boolean[] inside = new boolean[1];
        serial.execute(() -> {
            inside[0] = serial.isCurrentThread();
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(inside[0]);
    }

    @Test
    void releaseHereRunsWhatWaitsOnTheCallingThreadWithoutAHandOff() {
        CountingPool counting = new CountingPool();
        SerialExecutor serial = new SerialExecutor(counting);
        List<Thread> ranOn = new ArrayList<>();
        serial.hold();
        serial.execute(() -> ranOn.add(Thread.currentThread()));
        serial.execute(() -> ranOn.add(Thread.currentThread()));
        serial.releaseHere();
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), ranOn);
        assertEquals(0, counting.drains.get());
        assertFalse(serial.isCurrentThread(), "the drain has ended");
    }

    @Test
    void aReleasedSingleTaskMayBeLeftForTheIoThreadsHandOff() {
        SerialExecutor serial = new SerialExecutor(handingOff());
        IoHandOff slot = IoHandOff.open();
        try {
            serial.hold();
            serial.execute(() -> { });
            serial.release();
            assertNotNull(slot.task(), "one message's drain was not offered to the reading thread");
        } finally {
            slot.close();
        }
    }

    @Test
    void aReleasedBatchGoesToThePool() throws Exception {
        CountDownLatch ran = new CountDownLatch(2);
        SerialExecutor serial = new SerialExecutor(handingOff());
        IoHandOff slot = IoHandOff.open();
        try {
            serial.hold();
            serial.execute(ran::countDown);
            serial.execute(ran::countDown);
            serial.release();
            assertNull(slot.task(), "a read's batch of messages took the reading thread away from reading");
        } finally {
            slot.close();
        }
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    /** Like the container's executor: a task goes to an open hand-off slot if it can. */
    private java.util.concurrent.Executor handingOff() {
        return task -> {
            if (!IoHandOff.offer(task, pool)) {
                pool.execute(task);
            }
        };
    }
}
