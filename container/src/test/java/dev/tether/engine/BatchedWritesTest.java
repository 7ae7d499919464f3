package dev.tether.engine;

import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.OpCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers to one read leave in one write: the messages of a read are handed to the
 * session's thread together, and what its callbacks send to their own session is written when
 * the batch ends (or once 64 KiB wait), a blocking sender being told so once its frame is
 * queued. Outside a batch, and for frames that still refer to the sender's buffer, every send is
 * written at once and a blocking sender waits for that write.
 */
class BatchedWritesTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);


    /** Echoes every message as a blocking sender and counts the messages it has answered. */
    private static class BlockingEcho implements SessionHandler {
        WebSocketConnection connection;
        final CountDownLatch opened = new CountDownLatch(1);
        final List<Throwable> failures = new ArrayList<>();
        final List<Boolean> returnedBeforeWritten = new ArrayList<>();
        volatile int answered;
        final int expected;
        final CountDownLatch done = new CountDownLatch(1);

        BlockingEcho(int expected) {
            this.expected = expected;
        }

        @Override
        public void onOpen() {
            opened.countDown();
        }

        @Override
        public void onText(String text) {
            AtomicBoolean completed = new AtomicBoolean();
            connection.sendText(text, true, true, failure -> {
                completed.set(true);
                if (failure != null) {
                    failures.add(failure);
                }
            });
            returnedBeforeWritten.add(completed.get());
            answered();
        }

        @Override
        public void onBinary(ByteBuffer data) {
            CountDownLatch written = new CountDownLatch(1);
            connection.sendBinary(data, true, true, failure -> written.countDown());
            try {
                assertTrue(written.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "the large echo was not written");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            answered();
        }

        private void answered() {
            if (++answered == expected) {
                done.countDown();
            }
        }

        @Override
        public void onPong(ByteBuffer data) {
        }

        @Override
        public void onError(Throwable error) {
            failures.add(error);
        }

        @Override
        public void onClose(CloseStatus status) {
        }

        void awaitDone() throws InterruptedException {
            assertTrue(done.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "answered only " + answered);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        timers.shutdownNow();
        assertTrue(executor.awaitTermination(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(timers.awaitTermination(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
    }

    private WebSocketConnection serverWith(ScriptedTransport transport, BlockingEcho echo) throws InterruptedException {
        WebSocketConnection server = new WebSocketConnection(transport, false, null, EngineConfig.DEFAULT, executor, timers);
        echo.connection = server;
        server.start(echo, null);
        ScriptedTransport.awaitOpened(server, echo.opened);
        return server;
    }

    @Test
    void theAnswersToTenMessagesOfOneReadLeaveInOneWrite() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        BlockingEcho echo = new BlockingEcho(10);
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.TEXT, 10, 16));
        echo.awaitDone();
        awaitWrites(transport, 1);

        byte[] written = transport.writes().get(0);
        assertEquals(10 * 18, written.length, "ten 16-byte text frames, unmasked");
        for (int i = 0; i < 10; i++) {
            assertEquals(0x81, written[i * 18] & 0xFF);
            assertEquals(16, written[i * 18 + 1]);
            assertEquals('a' + i % 26, written[i * 18 + 2], "message " + i + " in its place");
        }
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, true), echo.returnedBeforeWritten,
                "each blocking send returned told: the first nine once queued, the last once written");
        assertTrue(echo.failures.isEmpty(), echo.failures.toString());
    }

    @Test
    void aBlockingSendOutsideABatchWaitsForItsWrite() throws Exception {
        ScriptedTransport transport = ScriptedTransport.holdingWrites();
        BlockingEcho echo = new BlockingEcho(1);
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.TEXT, 1, 16));
        echo.awaitDone();
        assertEquals(1, transport.writeCount(), "the one answer is written at once");
        assertEquals(List.of(false), echo.returnedBeforeWritten, "its sender was not told before the write ended");
        transport.write(0).onWriteComplete(null);
    }

    @Test
    void anAsyncSendOnAnotherThreadIsWrittenAtOnce() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        BlockingEcho echo = new BlockingEcho(0);
        WebSocketConnection server = serverWith(transport, echo);
        for (int i = 0; i < 3; i++) {
            server.sendText("x" + i, true, SendCallback.NONE);
        }
        assertEquals(3, transport.writeCount(), "not a callback of the session: nothing is held");
    }

    @Test
    void aBatchIsWrittenOnceSixtyFourKibWait() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        BlockingEcho echo = new BlockingEcho(100);
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.TEXT, 100, 1000));
        echo.awaitDone();
        awaitWrites(transport, 2);

        // 1000-byte frames have a 4-byte header; the 66th passes 64 KiB.
        assertEquals(66 * 1004, transport.writes().get(0).length);
        assertEquals(34 * 1004, transport.writes().get(1).length);
    }

    @Test
    void largeMessagesAreNotHeldBecauseTheirFramesStillReferToTheSendersBuffer() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        BlockingEcho echo = new BlockingEcho(3);
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.BINARY, 3, 10_000));
        echo.awaitDone();
        awaitWrites(transport, 3);
        for (byte[] write : transport.writes()) {
            assertEquals(10_004, write.length, "one 10,000-byte binary frame per write");
        }
    }

    /**
     * Regression (TCK remoteendpoint.usercoder.asyncwithhandler): a callback that sends async and
     * waits for its own send's result inside the batch waited forever when async frames, too,
     * waited for the batch to end.
     */
    @Test
    void anAsyncSendACallbackWaitsForIsWrittenAtOnceInsideABatch() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        List<Boolean> completedInTime = new ArrayList<>();
        BlockingEcho echo = new BlockingEcho(3) {
            @Override
            public void onText(String text) {
                CountDownLatch sent = new CountDownLatch(1);
                connection.sendText(text, true, failure -> sent.countDown());
                try {
                    completedInTime.add(sent.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                answered++;
                if (answered == 3) {
                    done.countDown();
                }
            }
        };
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.TEXT, 3, 5));
        echo.awaitDone();
        assertEquals(List.of(true, true, true), completedInTime);
        assertEquals(3, transport.writeCount(), "each async echo written at once");
    }

    @Test
    void aCloseTheCallbacksStartGoesBehindWhatTheyQueued() throws Exception {
        ScriptedTransport transport = ScriptedTransport.completingWrites();
        BlockingEcho echo = new BlockingEcho(3) {
            @Override
            public void onText(String text) {
                super.onText(text);
                if (answered == 2) {
                    connection.close(new CloseStatus(CloseStatus.NORMAL, "done"));
                }
            }
        };
        WebSocketConnection server = serverWith(transport, echo);

        server.onRead(ScriptedTransport.clientFrames(OpCode.TEXT, 3, 5));
        echo.awaitDone();
        awaitWrites(transport, 1);
        byte[] written = transport.writes().get(0);
        assertEquals(2 * 7 + 8, written.length, "two echoes, then the close frame, in one write");
        assertEquals(0x81, written[0] & 0xFF);
        assertEquals(0x81, written[7] & 0xFF);
        assertEquals(0x88, written[14] & 0xFF);
        assertEquals(1, echo.failures.size(), "the third echo comes after the close: " + echo.failures);
    }

    private static void awaitWrites(ScriptedTransport transport, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SessionRecorder.WAIT_SECONDS);
        while (transport.writeCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(20);
        assertEquals(count, transport.writeCount(), "writes");
    }
}
