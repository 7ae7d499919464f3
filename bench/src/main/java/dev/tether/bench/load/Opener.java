package dev.tether.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens many connections to one target with a few handshakes in flight at once: one at a time,
 * each handshake's round trip leaves both cores idle, and 15,000 of them in a row cost tens of
 * seconds. A handful of threads, not one per connection, so that the servers see a modest
 * burst of handshakes, as from a few busy clients. Stateless.
 */
public final class Opener {
    /** Handshakes in flight at once unless the caller says otherwise. */
    public static final int DEFAULT_PARALLELISM = 4;

    private Opener() {
    }

    /**
     * Opens {@code count} connections using up to {@code parallelism} threads (the caller's alone
     * when that is 1), in no particular order.
     *
     * @return the connections, all open; on failure none is left open
     * @throws IOException the first failure of any thread
     */
    public static List<Target.Opened> open(Target target, int count, boolean offerDeflate, int parallelism)
            throws IOException, InterruptedException {
        Target.Opened[] opened = new Target.Opened[count];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<IOException> failure = new AtomicReference<>();
        Runnable work = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                try {
                    opened[i] = target.open(offerDeflate);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int threads = Math.max(1, Math.min(parallelism, count));
        List<Thread> started = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread thread = new Thread(work, "opener-" + t);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        try {
            work.run();
        } finally {
            for (Thread thread : started) {
                thread.join();
            }
        }
        if (failure.get() != null) {
            closeAll(Arrays.asList(opened));
            throw failure.get();
        }
        return Arrays.asList(opened);
    }

    /** Closes every non-null connection, ignoring failures. */
    static void closeAll(List<Target.Opened> opened) {
        for (Target.Opened o : opened) {
            if (o != null) {
                try {
                    o.channel().close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
