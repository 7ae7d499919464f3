package dev.tether.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Listens to a socket's four event types and keeps, for each event, the event, the
 * {@code readyState} seen while it was dispatched and the thread it ran on. Every wait is
 * bounded. Checks made inside listeners go through {@link #check} so that a failure there
 * reaches the test.
 */
final class Recorder {
    static final Duration WAIT = Duration.ofSeconds(15);

    record Seen(Event event, int readyState, Thread thread) {
        String type() {
            return event.type();
        }
    }

    final WebSocket ws;
    private final BlockingQueue<Seen> queue = new LinkedBlockingQueue<>();
    private final List<Seen> all = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

    Recorder(WebSocket ws) {
        this.ws = ws;
        for (String type : List.of("open", "message", "error", "close")) {
            ws.addEventListener(type, this::record);
        }
    }

    private void record(Event event) {
        Seen seen = new Seen(event, ws.readyState(), Thread.currentThread());
        all.add(seen);
        queue.add(seen);
    }

    /** Runs a check inside a listener, keeping its failure for {@link #assertNoFailures()}. */
    void check(Runnable check) {
        try {
            check.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    void assertNoFailures() {
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a check inside a listener failed: " + failures.get(0));
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /** The next event, which must be of {@code type}. */
    Seen next(String type) throws InterruptedException {
        Seen seen = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (seen == null) {
            fail("no " + type + " event within " + WAIT.toSeconds() + " s; saw " + types() + loopStack());
        }
        assertEquals(type, seen.type(), "event type; all so far: " + types());
        return seen;
    }

    MessageEvent message() throws InterruptedException {
        return (MessageEvent) next("message").event();
    }

    /** Skips to the close event, which must come within the wait. */
    CloseEvent awaitClose() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Seen seen = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (seen == null) {
                fail("no close event within " + WAIT.toSeconds() + " s; saw " + types() + loopStack());
            }
            if (seen.type().equals("close")) {
                return (CloseEvent) seen.event();
            }
        }
    }

    /** What the test event loop is doing, for a failure message. */
    private static String loopStack() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("test-event-loop")) {
                out.append("\nevent loop ").append(thread.getState()).append(':');
                for (StackTraceElement e : stack) {
                    out.append("\n  at ").append(e);
                }
            }
        });
        return out.toString();
    }

    /** Waits a little and checks that nothing more arrives. */
    void assertQuiet(Duration wait) throws InterruptedException {
        Seen seen = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(seen, () -> "unexpected event " + seen.event() + "; all: " + types());
    }

    List<String> types() {
        synchronized (all) {
            return all.stream().map(Seen::type).toList();
        }
    }

    List<Seen> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}
