package dev.tether.jakarta;

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
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor timer;

    public ContainerRuntime(String name) {
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads(name + "-worker"));
        timer = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    public ExecutorService executor() {
        return executor;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
