package dev.tether.engine;

import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.OpCode;
import dev.tether.transport.IoHandOff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which reads may run their message on the reading thread ({@link IoHandOff}): one that
 * completes a single small message may; a read of several messages, and a bulk message, leave
 * the reading thread to its I/O loop.
 */
class ReadHandOffTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    /** Like the container's executor: a task goes to an open slot if it can. */
    private final Executor handingOff = task -> {
        if (!IoHandOff.offer(task, pool)) {
            pool.execute(task);
        }
    };

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        timers.shutdownNow();
        assertTrue(pool.awaitTermination(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aReadOfOneSmallMessageOffersItToTheReadingThread() throws Exception {
        Counting handler = new Counting(1);
        WebSocketConnection server = open(handler);
        Runnable offered = readInSlot(server, ScriptedTransport.clientFrames(OpCode.TEXT, 1, 16));
        assertNotNull(offered, "a lone small message was not offered to the reading thread");
        offered.run();
        assertTrue(handler.done.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aReadOfSeveralMessagesLeavesThemToThePool() throws Exception {
        Counting handler = new Counting(3);
        WebSocketConnection server = open(handler);
        assertNull(readInSlot(server, ScriptedTransport.clientFrames(OpCode.TEXT, 3, 16)), "a batch took the reading thread");
        assertTrue(handler.done.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aBulkMessageIsLeftToThePool() throws Exception {
        Counting handler = new Counting(1);
        WebSocketConnection server = open(handler);
        assertNull(readInSlot(server, ScriptedTransport.clientFrames(OpCode.BINARY, 1, 16 * 1024)), "a 16 KiB message took the reading thread");
        assertTrue(handler.done.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    /** Feeds one read to {@code server} inside an open slot, as the I/O strategy does; returns what was left in it. */
    private static Runnable readInSlot(WebSocketConnection server, ByteBuffer read) {
        IoHandOff slot = IoHandOff.open();
        try {
            server.onRead(read);
            return slot.task();
        } finally {
            slot.close();
        }
    }

    private WebSocketConnection open(Counting handler) throws InterruptedException {
        WebSocketConnection server = new WebSocketConnection(ScriptedTransport.completingWrites(), false, null,
                EngineConfig.DEFAULT, handingOff, timers);
        server.start(handler, null);
        ScriptedTransport.awaitOpened(server, handler.opened);
        return server;
    }

    /** Counts the messages it gets. */
    private static final class Counting implements SessionHandler {
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch done;

        Counting(int messages) {
            done = new CountDownLatch(messages);
        }

        @Override
        public void onOpen() {
            opened.countDown();
        }

        @Override
        public void onText(String text) {
            done.countDown();
        }

        @Override
        public void onBinary(ByteBuffer data) {
            done.countDown();
        }

        @Override
        public void onPong(ByteBuffer data) {
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onClose(CloseStatus status) {
        }
    }
}
