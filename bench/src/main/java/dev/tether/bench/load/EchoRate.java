package dev.tether.bench.load;

/**
 * Echoes per second over one measured period {@code [from, to)}, from the times at which the
 * connections saw their echoes complete. Counting the echoes of the period and dividing by its
 * length is the general estimate; but when each connection has one message in flight and the
 * period holds only a few echoes per connection (large or deflated messages), where the
 * period's edges fall between two echoes weighs as much as the server's speed. For that case
 * each connection's rate is taken from its first to its last echo inside the period
 * (echoes after the first, over the time between them) and the rates are summed: a steady
 * one-at-a-time exchange then gives its true rate whatever the period's length.
 *
 * <p>Times are {@link System#nanoTime} values. Not thread-safe.
 */
public final class EchoRate {
    /** Fewer echoes per connection than this and one interval too many or too few would show. */
    private static final int MIN_ECHOES = 3;

    private final long from;
    private final long to;
    private final long[] first;
    private final long[] last;
    private final long[] counts;
    private long total;

    /** A period of {@code to - from} nanoseconds, {@code to > from}, for {@code connections} connections. */
    public EchoRate(int connections, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty period");
        }
        this.from = from;
        this.to = to;
        this.first = new long[connections];
        this.last = new long[connections];
        this.counts = new long[connections];
    }

    /** Whether {@code now} falls within the period. */
    public boolean covers(long now) {
        return now >= from && now < to;
    }

    /** Records that {@code connection} saw {@code echoes} more echoes complete at {@code now}; ignored outside the period. */
    public void record(int connection, long echoes, long now) {
        if (echoes <= 0 || !covers(now)) {
            return;
        }
        if (counts[connection] == 0) {
            first[connection] = now;
        }
        last[connection] = now;
        counts[connection] += echoes;
        total += echoes;
    }

    /** Echoes counted within the period. */
    public long total() {
        return total;
    }

    /**
     * The rate: per connection from first to last echo when {@code window} is 1 and every
     * connection saw at least three echoes at different times, otherwise the period's count over
     * its length.
     */
    public double perSecond(int window) {
        if (window == 1 && total > 0) {
            double sum = 0;
            boolean everyConnection = true;
            for (int c = 0; c < counts.length && everyConnection; c++) {
                long span = last[c] - first[c];
                everyConnection = counts[c] >= MIN_ECHOES && span > 0;
                if (everyConnection) {
                    sum += (counts[c] - 1) * 1e9 / span;
                }
            }
            if (everyConnection) {
                return sum;
            }
        }
        return total * 1e9 / (to - from);
    }
}
