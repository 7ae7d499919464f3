package dev.tether.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared {@link Executor}, without
 * tying them to a thread: the first task submitted to an idle queue schedules a drain, and
 * the drain runs tasks until the queue is empty. This gives a session the spec's guarantee
 * that its endpoint never sees two threads at once, while threads stay shared by all
 * sessions.
 *
 * <p>Thread-safe. A task that throws is reported to {@code onTaskFailure} and the queue
 * goes on.
 */
public final class SerialExecutor implements Executor {
    private final Executor executor;
    /** Starts at two slots, not seventeen: most sessions are idle most of the time. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(1);
    private boolean draining;
    private volatile Thread runner;

    public SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
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

    private void drain() {
        runner = Thread.currentThread();
        try {
            drainTasks();
        } finally {
            runner = null;
        }
    }

    private void drainTasks() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
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
