package dev.tether.browser;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One thread for a test's event tasks, as a browser's event loop: a socket given this executor
 * runs its events here, and {@link #run} lets the test itself act from inside a task, where
 * {@code readyState} and {@code bufferedAmount} cannot change under it.
 */
final class EventLoop implements AutoCloseable {
    final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "test-event-loop");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code action} as a task of this loop and waits for it (bounded). */
    void run(ThrowingRunnable action) throws Exception {
        executor.submit(() -> {
            action.run();
            return null;
        }).get(15, TimeUnit.SECONDS);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the event loop did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
