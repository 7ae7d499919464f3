package dev.tether.bench.server;

/**
 * The largest message the echo servers must accept, from the system property
 * {@code bench.maxMessage} that the runner sets for throughput runs. Absent (0) for the
 * idle-connection runs, so that each peer keeps its default buffers there: several peers
 * allocate their whole-message buffers up front, per session.
 */
public final class MessageLimit {
    private MessageLimit() {
    }

    /** The limit in bytes, or 0 to keep the peer's defaults. */
    public static int bytes() {
        return Integer.getInteger("bench.maxMessage", 0);
    }
}
