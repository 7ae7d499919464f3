package dev.tether.bench.run;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Wall-clock time spent in each phase of a run (server JVM starts, warm-ups, each scenario),
 * summed over peers and rounds, so that a run's length can be explained and budgeted. Phases
 * keep the order in which they first appear. Used from one thread.
 */
public final class Phases {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** A running measurement of one phase; {@link #close} adds its time. */
    public final class Timer implements AutoCloseable {
        private final String phase;
        private final long started = System.nanoTime();

        private Timer(String phase) {
            this.phase = phase;
        }

        @Override
        public void close() {
            add(phase, System.nanoTime() - started);
        }
    }

    /** Starts timing {@code phase}: use with try-with-resources. */
    public Timer time(String phase) {
        return new Timer(phase);
    }

    /** Adds {@code elapsedNanos} to {@code phase}. */
    public void add(String phase, long elapsedNanos) {
        nanos.merge(phase, elapsedNanos, Long::sum);
    }

    /** Seconds spent in {@code phase} so far (0 if it never ran). */
    public double seconds(String phase) {
        return nanos.getOrDefault(phase, 0L) / 1e9;
    }

    /** One line, e.g. {@code "jvm start 12 s, throughput 140 s (total 152 s)"}. */
    public String summary() {
        StringJoiner line = new StringJoiner(", ");
        long total = 0;
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            line.add(String.format(Locale.ROOT, "%s %.0f s", e.getKey(), e.getValue() / 1e9));
            total += e.getValue();
        }
        return line + String.format(Locale.ROOT, " (total %.0f s)", total / 1e9);
    }
}
