package dev.tether.jakarta;

import dev.tether.transport.IoHandOff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads one container owns: a pool that runs application code (endpoint callbacks,
 * configurators, send handlers) and one timer thread for close and idle timeouts.
 *
 * <p>The pool grows on demand and shrinks when idle, because application code may block
 * (a blocking send inside {@code @OnMessage}); per-session ordering comes from each
 * session's serial queue, not from thread affinity. All threads are daemons. Thread-safe.
 */
public final class ContainerRuntime implements AutoCloseable {
    private final ExecutorService pool;
    private final Executor executor;
    private final ScheduledThreadPoolExecutor timer;
    /** Every thread the pools made, so that {@link #close()} can wait for them to end. */
    private final Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    public ContainerRuntime(String name) {
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads(name + "-worker"));
        executor = task -> {
            if (!IoHandOff.offer(task, pool)) {
                pool.execute(task);
            }
        };
        timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs application code. A task submitted during a read on an I/O thread may run on that
     * very thread once it has handed its I/O loop over ({@link IoHandOff}); otherwise on a pool
     * thread.
     */
    public Executor executor() {
        return executor;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    /**
     * Stops the timer and the pool (running tasks get up to 5 s) and waits, within the same
     * deadline, until their threads have ended: a servlet container checks for threads an
     * application left behind as soon as the application has stopped.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            List<Thread> made;
            synchronized (threads) {
                made = new ArrayList<>(threads);
            }
            for (Thread thread : made) {
                long left = deadline - System.nanoTime();
                if (thread != Thread.currentThread() && left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
    }
}
