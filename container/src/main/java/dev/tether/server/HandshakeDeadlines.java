package dev.tether.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handshake timeouts of one server, checked together: each connection's deadline is
 * recorded when it is accepted, and one timer task, scheduled only while some handshake is
 * pending, sweeps them every quarter of the timeout, so a deadline is kept to within a quarter
 * of the timeout late. A timer task per connection, the straightforward way, wakes the timer
 * thread whenever its task becomes the earliest one, which under a load of short connections
 * (whose tasks are all cancelled within a millisecond) is once per connection.
 *
 * <p>Thread-safe; expiries run on the timer thread and must not block.
 */
final class HandshakeDeadlines {
    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final long periodNanos;
    private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweepScheduled = new AtomicBoolean();

    /** One pending handshake; identity matters, not the fields. */
    static final class Deadline {
        private final long dueNanos;
        private final Runnable onExpiry;

        private Deadline(long dueNanos, Runnable onExpiry) {
            this.dueNanos = dueNanos;
            this.onExpiry = onExpiry;
        }
    }

    HandshakeDeadlines(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = Math.max(1, timeoutNanos / 4);
    }

    /** A handshake starts now: {@code onExpiry} runs unless {@link #done} comes within the timeout. */
    Deadline start(Runnable onExpiry) {
        Deadline deadline = new Deadline(System.nanoTime() + timeoutNanos, onExpiry);
        pending.add(deadline);
        scheduleSweep();
        return deadline;
    }

    /** The handshake has ended, one way or another; idempotent. */
    void done(Deadline deadline) {
        pending.remove(deadline);
    }

    private void scheduleSweep() {
        if (sweepScheduled.compareAndSet(false, true)) {
            timer.schedule(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Deadline deadline : pending) {
            if (now - deadline.dueNanos >= 0 && pending.remove(deadline)) {
                deadline.onExpiry.run();
            }
        }
        sweepScheduled.set(false);
        // Set false first, then look: a handshake that started meanwhile schedules the sweep itself.
        if (!pending.isEmpty()) {
            scheduleSweep();
        }
    }
}
