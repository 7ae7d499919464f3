package dev.tether.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A connection's idle timeout: when nothing was read or sent for the timeout, {@code onExpiry}
 * runs (on the timer thread). Activity only records a time stamp; the one timer is rescheduled
 * for the remaining time when it fires early, so busy connections cost no timer work.
 *
 * <p>Thread-safe: {@link #touch()} from any thread, {@link #set} and {@link #cancel} too.
 */
final class IdleTimeout {
    private final ScheduledExecutorService timer;
    private final BooleanSupplier active;
    private final Runnable onExpiry;
    private volatile long timeoutNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile ScheduledFuture<?> pending;

    /**
     * @param active   whether the connection is still one to time out (checked before expiring)
     * @param onExpiry what to do when the connection has been idle for the timeout
     */
    IdleTimeout(ScheduledExecutorService timer, BooleanSupplier active, Runnable onExpiry) {
        this.timer = timer;
        this.active = active;
        this.onExpiry = onExpiry;
    }

    /** Records activity now. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    /** Sets the timeout, starting from now; zero or less disables it. */
    void set(long millis) {
        cancel();
        timeoutNanos = millis > 0 ? TimeUnit.MILLISECONDS.toNanos(millis) : 0;
        if (timeoutNanos > 0 && active.getAsBoolean()) {
            touch();
            pending = timer.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    void cancel() {
        ScheduledFuture<?> t = pending;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void check() {
        long timeout = timeoutNanos;
        if (timeout <= 0 || !active.getAsBoolean()) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= timeout) {
            onExpiry.run();
        } else {
            pending = timer.schedule(this::check, timeout - idle, TimeUnit.NANOSECONDS);
        }
    }
}
