package dev.tether.engine;

import dev.tether.transport.WriteCallback;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices a peer that has stopped reading: while one of the connection's writes is under way
 * and the network has taken none of its bytes for the timeout, the write is stalled and
 * {@code onStall} runs, once. Progress is a completed write or a partial one the transport
 * reports ({@link WriteCallback#onWriteProgress()}).
 *
 * <p>Costs one timer task per timeout period while writes are under way, none when idle, and
 * none for a write that the transport completes at once ({@link #sent()}): scheduling a timer
 * task wakes the timer thread whenever that task becomes its earliest, which, for connections
 * that live a few milliseconds, was once per connection.
 * Thread-safe: {@link #track} is called by the connection's one writer, the callbacks it
 * returns on I/O threads, the check on the timer.
 */
final class WriteStallGuard {
    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final Runnable onStall;
    private boolean writing;
    private long lastProgress;
    private ScheduledFuture<?> check;
    private boolean stopped;

    /**
     * @param timeout how long a write may go without progress; zero disables the guard
     * @param onStall runs on the timer thread when a write stalls
     */
    WriteStallGuard(ScheduledExecutorService timer, Duration timeout, Runnable onStall) {
        this.timer = timer;
        this.timeoutNanos = timeout.toNanos();
        this.onStall = onStall;
    }

    /**
     * A write starts now: the returned callback, given to the transport, reports its progress
     * and end to {@code done}. Call {@link #sent()} once the transport has the write.
     */
    WriteCallback track(WriteCallback done) {
        if (timeoutNanos <= 0) {
            return done;
        }
        started();
        return new WriteCallback() {
            @Override
            public void onWriteComplete(Throwable failure) {
                progressed(false);
                done.onWriteComplete(failure);
            }

            @Override
            public void onWriteProgress() {
                progressed(true);
            }
        };
    }

    /** No more checks: the connection has ended. */
    synchronized void stop() {
        stopped = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    /** The transport has the write last {@linkplain #track tracked}: if it is still under way, the guard watches it. */
    synchronized void sent() {
        if (writing && check == null && !stopped && timeoutNanos > 0) {
            check = timer.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void started() {
        writing = true;
        lastProgress = System.nanoTime();
    }

    private synchronized void progressed(boolean stillWriting) {
        writing = stillWriting;
        lastProgress = System.nanoTime();
    }

    private void check() {
        synchronized (this) {
            check = null;
            if (stopped || !writing) {
                return;
            }
            long quiet = System.nanoTime() - lastProgress;
            if (quiet < timeoutNanos) {
                check = timer.schedule(this::check, timeoutNanos - quiet, TimeUnit.NANOSECONDS);
                return;
            }
            stopped = true;
        }
        onStall.run();
    }
}
