package dev.tether.engine;

import dev.tether.transport.IoHandOff;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared {@link Executor}, without
 * tying them to a thread: the first task submitted to an idle queue schedules a drain, and
 * the drain runs tasks until the queue is empty. This gives a session the spec's guarantee
 * that its endpoint never sees two threads at once, while threads stay shared by all
 * sessions.
 *
 * <p>Two additions let a connection answer a whole read with one thread hand-off and one
 * write: between {@link #hold()} and {@link #release()} tasks queue without starting a drain
 * (a reader queues every message of one read, then wakes one thread), and the
 * {@code whenDrained} action runs on the draining thread each time the queue runs dry (the
 * connection writes there what the tasks queued).
 *
 * <p>Thread-safe. A task that throws is logged and the queue goes on.
 */
public final class SerialExecutor implements Executor {
    private final Executor executor;
    private final Runnable whenDrained;
    /** Starts at two slots, not seventeen: most sessions are idle most of the time. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(1);
    private boolean draining;
    /** How many {@link #hold()}s wait for their {@link #release()}; guarded by {@code tasks}. */
    private int holds;
    private volatile Thread runner;

    public SerialExecutor(Executor executor) {
        this(executor, null);
    }

    /**
     * @param whenDrained run on the draining thread whenever the queue has run dry, before the
     *                    drain ends; tasks it submits run in the same drain. May be null.
     */
    public SerialExecutor(Executor executor, Runnable whenDrained) {
        this.executor = executor;
        this.whenDrained = whenDrained;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining || holds > 0) {
                return;
            }
            draining = true;
        }
        startDrain();
    }

    /**
     * Until the matching {@link #release()}, submitted tasks wait without starting a drain (a
     * drain already running still takes them). Holds nest. Hold only for a bounded,
     * non-blocking stretch of work: nothing queued runs until the release.
     */
    public void hold() {
        synchronized (tasks) {
            holds++;
        }
    }

    /**
     * Ends a {@link #hold()}; starts a drain if tasks wait and none runs. Several waiting tasks
     * are a batch: they go to a pool thread, never to an I/O thread's {@link IoHandOff}.
     */
    public void release() {
        boolean batch;
        synchronized (tasks) {
            if (--holds > 0 || draining || tasks.isEmpty()) {
                return;
            }
            draining = true;
            batch = tasks.size() > 1;
        }
        if (batch) {
            IoHandOff.decline();
        }
        startDrain();
    }

    /**
     * Ends a {@link #hold()} by running what waits on the calling thread instead of waking
     * another: for a caller that is itself a pool thread with nothing left to do (the thread
     * that answered a handshake runs the session's {@code onOpen}). Never call it on an I/O
     * thread, nor while holding a lock application code must not run under.
     */
    public void releaseHere() {
        synchronized (tasks) {
            if (--holds > 0 || draining || tasks.isEmpty()) {
                return;
            }
            draining = true;
        }
        drain();
    }

    private void startDrain() {
        try {
            executor.execute(this::drain);
        } catch (RuntimeException rejected) {
            synchronized (tasks) {
                draining = false;
            }
            throw rejected;
        }
    }

    /** Whether the calling thread is running this executor's tasks right now. */
    public boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }

    /** Whether tasks wait to run after the current one: more work is already known. */
    public boolean hasWaitingTasks() {
        synchronized (tasks) {
            return !tasks.isEmpty();
        }
    }

    /** Runs tasks until the queue is dry; {@code runner} is cleared before another drain may start. */
    private void drain() {
        runner = Thread.currentThread();
        boolean dryActionRan = false;
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null && (dryActionRan || whenDrained == null)) {
                    runner = null;
                    draining = false;
                    return;
                }
            }
            if (task == null) {
                dryActionRan = true;
                task = whenDrained;
            } else {
                dryActionRan = false;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(SerialExecutor.class.getName())
                        .log(System.Logger.Level.ERROR, "a session task failed", e);
            }
        }
    }
}
