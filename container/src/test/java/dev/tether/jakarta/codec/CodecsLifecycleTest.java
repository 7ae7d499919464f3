package dev.tether.jakarta.codec;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instances per session, init once, destroy once, and one thread at a time in an encoder. */
class CodecsLifecycleTest {

    @BeforeEach
    void clearEvents() {
        Fixtures.EVENTS.clear();
    }

    /** Its destroy fails; the others must still be destroyed. */
    public static class FailingDestroyEncoder implements Encoder.Text<Thread> {
        @Override
        public void destroy() {
            Fixtures.EVENTS.add("destroy FailingDestroyEncoder");
            throw new IllegalStateException("cannot let go");
        }

        @Override
        public String encode(Thread t) {
            return t.getName();
        }
    }

    /** Counts the threads inside {@code encode} at once. */
    public static class CountingEncoder implements Encoder.Text<StringBuilder> {
        static final AtomicInteger INSIDE = new AtomicInteger();
        static final AtomicInteger MOST = new AtomicInteger();

        @Override
        public String encode(StringBuilder sb) {
            int now = INSIDE.incrementAndGet();
            MOST.accumulateAndGet(now, Math::max);
            Thread.onSpinWait();
            Thread.yield();
            INSIDE.decrementAndGet();
            return sb.toString();
        }
    }

    /** Waits in {@code encode} until released. */
    public static class BlockingEncoder implements Encoder.Text<CountDownLatch> {
        static final CountDownLatch ENTERED = new CountDownLatch(1);

        @Override
        public String encode(CountDownLatch release) throws jakarta.websocket.EncodeException {
            ENTERED.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Fixtures.EVENTS.add("encoded");
            return "done";
        }

        @Override
        public void destroy() {
            Fixtures.EVENTS.add("destroy BlockingEncoder");
        }
    }

    @Test
    void initOnceWithTheSessionConfigAndDestroyOnceOnClose() throws Exception {
        EndpointConfig config = Fixtures.config(List.of(Fixtures.PointTextEncoder.class),
                List.of(Fixtures.PointTextDecoder.class, Fixtures.TwoFormDecoder.class));
        config.getUserProperties().put("tag", "A");
        Codecs codecs = Codecs.open(config);
        codecs.encoders().encode(new Fixtures.Point(1, 2));
        codecs.decoders().decodeText(Fixtures.Point.class, "1,2");
        assertEquals(List.of("init PointTextEncoder A", "init PointTextDecoder", "init TwoFormDecoder"), Fixtures.EVENTS);

        Fixtures.EVENTS.clear();
        codecs.close();
        codecs.close();
        assertEquals(List.of("destroy PointTextEncoder", "destroy PointTextDecoder", "destroy TwoFormDecoder"),
                Fixtures.EVENTS, "encoders then decoders, declaration order, once");
    }

    @Test
    void eachSessionGetsItsOwnInstances() throws Exception {
        CodecPlan plan = CodecPlan.of(List.of(Fixtures.PointTextEncoder.class), List.of());
        EndpointConfig config = Fixtures.config(List.of(Fixtures.PointTextEncoder.class), List.of());
        try (Codecs first = plan.open(config); Codecs second = plan.open(config)) {
            assertNotSame(first.encoders(), second.encoders());
            assertEquals(2, Fixtures.EVENTS.stream().filter(e -> e.startsWith("init PointTextEncoder")).count());
            first.close();
            assertEquals("text:1,1", second.encoders().encode(new Fixtures.Point(1, 1)), "closing one leaves the other");
        }
        assertEquals(2, Fixtures.EVENTS.stream().filter(e -> e.equals("destroy PointTextEncoder")).count());
    }

    @Test
    void classListedTwiceIsInstantiatedOnce() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.PointTextEncoder.class, Fixtures.PointTextEncoder.class), List.of())) {
            assertEquals(1, Fixtures.EVENTS.size());
        }
        assertEquals(2, Fixtures.EVENTS.size());
    }

    @Test
    void useAfterCloseIsIllegalState() throws Exception {
        Codecs codecs = Fixtures.open(List.of(Fixtures.PointTextEncoder.class), List.of(Fixtures.PointTextDecoder.class));
        codecs.close();
        assertThrows(IllegalStateException.class, () -> codecs.encoders().encode(new Fixtures.Point(1, 1)));
        assertThrows(IllegalStateException.class, () -> codecs.encoders().encode("even built-in"));
        assertThrows(IllegalStateException.class, () -> codecs.decoders().decodeText(Fixtures.Point.class, "1,1"));
    }

    @Test
    void failedInitDestroysWhatWasInitialized() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> Fixtures.open(
                List.of(Fixtures.PointTextEncoder.class),
                List.of(Fixtures.PointTextDecoder.class, Fixtures.FailingInitDecoder.class)));
        assertEquals("init(EndpointConfig) of " + Fixtures.FailingInitDecoder.class.getName()
                + " threw java.lang.IllegalStateException: no database", e.getMessage());
        assertEquals(List.of("init PointTextEncoder ", "init PointTextDecoder",
                "destroy PointTextDecoder", "destroy PointTextEncoder"), Fixtures.EVENTS,
                "the failed decoder is never destroyed: it never came into service");
    }

    @Test
    void failingDestroyDoesNotStopTheOthers() throws Exception {
        Codecs codecs = Fixtures.open(List.of(FailingDestroyEncoder.class, Fixtures.PointTextEncoder.class),
                List.of(Fixtures.PointTextDecoder.class));
        Fixtures.EVENTS.clear();
        codecs.close();
        assertEquals(List.of("destroy FailingDestroyEncoder", "destroy PointTextEncoder", "destroy PointTextDecoder"),
                Fixtures.EVENTS);
    }

    @Test
    void oneThreadAtATimeInsideAnEncoder() throws Exception {
        CountingEncoder.MOST.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Codecs codecs = Fixtures.open(List.of(CountingEncoder.class), List.of())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sends = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sends.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 500; i++) {
                        assertEquals("m" + i, codecs.encoders().encode(new StringBuilder("m" + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> send : sends) {
                send.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, CountingEncoder.MOST.get());
    }

    @Test
    void closeWaitsForAnEncodingInProgress() throws Exception {
        Codecs codecs = Fixtures.open(List.of(BlockingEncoder.class), List.of());
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> encoding = pool.submit(() -> codecs.encoders().encode(release));
            assertTrue(BlockingEncoder.ENTERED.await(10, TimeUnit.SECONDS));
            Future<?> closing = pool.submit(codecs::close);
            Thread.sleep(100);
            assertFalse(closing.isDone(), "destroy waits for encode to return");
            release.countDown();
            assertEquals("done", encoding.get(10, TimeUnit.SECONDS));
            closing.get(10, TimeUnit.SECONDS);
            assertEquals(List.of("encoded", "destroy BlockingEncoder"), Fixtures.EVENTS);
        } finally {
            pool.shutdownNow();
        }
    }
}
