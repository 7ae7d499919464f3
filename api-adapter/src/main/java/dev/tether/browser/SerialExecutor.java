package dev.tether.browser;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * One socket's event loop: runs its tasks one at a time, in the order given, on threads of a
 * shared executor, never on the thread that submits them. A task that throws is reported to the
 * running thread's uncaught-exception handler and the next one still runs.
 */
final class SerialExecutor implements Executor {
    private final Executor delegate;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean draining;
    private volatile Thread runner;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
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
            delegate.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (tasks) {
                draining = false;
            }
            throw e;
        }
    }

    /** Whether the calling thread is running one of this executor's tasks. */
    boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }

    private void drain() {
        runner = Thread.currentThread();
        try {
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
                    report(e);
                }
            }
        } finally {
            runner = null;
        }
    }

    static void report(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, t);
    }
}
