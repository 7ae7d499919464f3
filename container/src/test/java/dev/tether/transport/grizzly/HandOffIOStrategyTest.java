package dev.tether.transport.grizzly;

import dev.tether.transport.IoHandOff;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import org.glassfish.grizzly.threadpool.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tether's Grizzly servers over loopback: work a read hands to a pool runs on the thread that
 * read, once that thread has given its selector loop away, and the loop goes on elsewhere; that
 * thread then reads the same connection next, unless it is about to wait.
 */
class HandOffIOStrategyTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private GrizzlyServer server;

    /** What a task saw: the thread it ran on, the thread that read, and whether it ran as a selector. */
    private record Run(Thread thread, Thread reader, boolean selecting) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "a selector loop kept a pool thread after the server stopped");
    }

    @Test
    void aReadsTaskRunsOnTheReadingThreadAfterItsLoopMovedOn() throws Exception {
        LinkedBlockingQueue<Run> runs = new LinkedBlockingQueue<>();
        start(data -> {
            Thread reader = Thread.currentThread();
            submit(() -> runs.add(new Run(Thread.currentThread(), reader, Threads.isService())));
        });
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 20; i++) {
                out.write(i);
                out.flush();
                Run run = runs.poll(5, TimeUnit.SECONDS);
                assertNotNull(run, "read " + i + " was not handled: the selector loop did not go on");
                assertSame(run.reader(), run.thread(), "read " + i + "'s task woke another thread");
                assertFalse(run.selecting(), "read " + i + "'s task ran while its thread still selected");
            }
        }
    }

    @Test
    void theThreadThatRanATaskReadsItsConnectionNext() throws Exception {
        CountDownLatch secondWritten = new CountDownLatch(1);
        LinkedBlockingQueue<Run> reads = new LinkedBlockingQueue<>();
        Thread[] firstTaskThread = {null};
        int[] count = {0};
        start(data -> {
            reads.add(new Run(Thread.currentThread(), null, Threads.isService()));
            if (++count[0] == 1) {
                submit(() -> {
                    firstTaskThread[0] = Thread.currentThread();
                    awaitQuietly(secondWritten);
                });
            }
        });
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            assertNotNull(reads.poll(5, TimeUnit.SECONDS));
            out.write(2);
            out.flush();
            Thread.sleep(50);
            assertEquals(0, reads.size(), "the selector read on while a task held the connection's reading");
            secondWritten.countDown();
            Run second = reads.poll(5, TimeUnit.SECONDS);
            assertNotNull(second, "the second byte was never read");
            assertSame(firstTaskThread[0], second.thread(), "the second read was not made by the thread that ran the first task");
            assertFalse(second.selecting(), "the second read ran on a selecting thread");
        }
    }

    @Test
    void aTaskAboutToWaitGivesItsConnectionsReadingBack() throws Exception {
        CountDownLatch secondRead = new CountDownLatch(1);
        CountDownLatch firstTaskSawIt = new CountDownLatch(1);
        int[] reads = {0};
        start(data -> {
            if (++reads[0] == 1) {
                submit(() -> {
                    IoHandOff.beforeBlocking();
                    if (awaitQuietly(secondRead)) {
                        firstTaskSawIt.countDown();
                    }
                });
            } else {
                secondRead.countDown();
            }
        });
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            Thread.sleep(50);
            out.write(2);
            out.flush();
            assertTrue(firstTaskSawIt.await(5, TimeUnit.SECONDS), "the second read waited for the first read's task");
        }
    }

    @Test
    void aBlockedTaskHoldsOnlyItsOwnConnection() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LinkedBlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        start(data -> {
            int b = data.get(data.position());
            seen.add(b);
            if (b == 1) {
                submit(() -> awaitQuietly(release));
            }
        });
        try (Socket blocked = new Socket("127.0.0.1", server.port());
             Socket other = new Socket("127.0.0.1", server.port())) {
            blocked.getOutputStream().write(1);
            assertEquals(1, seen.poll(5, TimeUnit.SECONDS));
            for (int i = 2; i < 7; i++) {
                other.getOutputStream().write(i);
                assertEquals(i, seen.poll(5, TimeUnit.SECONDS), "another connection was not read while a task blocked");
            }
            release.countDown();
        }
    }

    @Test
    void readingPausedDuringAHeldReadStaysPausedUntilResumed() throws Exception {
        Transport[] transports = {null};
        LinkedBlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        server = new GrizzlyServer("127.0.0.1", 0, null, transport -> {
            transports[0] = transport;
            return handler(data -> {
                int b = data.get(data.position());
                seen.add(b);
                if (b == 1) {
                    submit(transport::pauseReading);
                }
            });
        });
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(1);
            out.flush();
            assertEquals(1, seen.poll(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            out.write(2);
            out.flush();
            assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS), "read although paused");
            pool.execute(transports[0]::resumeReading);
            assertEquals(2, seen.poll(5, TimeUnit.SECONDS), "not read after reading resumed");
        }
    }

    @Test
    void aTaskNobodyOffersRunsOnThePoolAndTheLoopStays() throws Exception {
        LinkedBlockingQueue<Run> runs = new LinkedBlockingQueue<>();
        start(data -> {
            Thread reader = Thread.currentThread();
            IoHandOff.decline();
            submit(() -> runs.add(new Run(Thread.currentThread(), reader, Threads.isService())));
        });
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            Thread firstReader = null;
            for (int i = 0; i < 5; i++) {
                out.write(i);
                out.flush();
                Run run = runs.poll(5, TimeUnit.SECONDS);
                assertNotNull(run);
                assertFalse(run.reader() == run.thread(), "a declined hand-off still ran on the reading thread");
                firstReader = firstReader == null ? run.reader() : firstReader;
                assertSame(firstReader, run.reader(), "the selector loop moved although nothing was handed to it");
            }
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void submit(Runnable task) {
        if (!IoHandOff.offer(task, pool)) {
            pool.execute(task);
        }
    }

    private void start(Consumer<ByteBuffer> onRead) throws Exception {
        server = new GrizzlyServer("127.0.0.1", 0, null, transport -> handler(onRead));
        server.start();
    }

    private static TransportHandler handler(Consumer<ByteBuffer> onRead) {
        return new TransportHandler() {
            @Override
            public void onRead(ByteBuffer data) {
                onRead.accept(data);
                data.position(data.limit());
            }

            @Override
            public void onClosed(Throwable cause) {
            }
        };
    }

}
