package dev.tether.bench.server;

/**
 * The largest messages the echo servers must accept, from the system property
 * {@code bench.maxMessage} that the runner sets for throughput runs. Absent (0) for the
 * idle-connection runs, so that each peer keeps its default buffers there: several peers
 * allocate their whole-message buffers up front, per session.
 */
public final class MessageLimit {
    private MessageLimit() {
    }

    /** Text messages are at most 1 KiB here; peers that allocate their limit up front get 64 KiB. */
    private static final int TEXT = 64 * 1024;

    /** The binary limit in bytes, or 0 to keep the peer's defaults. */
    public static int binary() {
        return Integer.getInteger("bench.maxMessage", 0);
    }

    /** The text limit in bytes, or 0 to keep the peer's defaults. */
    public static int text() {
        return binary() > 0 ? Math.min(TEXT, binary()) : 0;
    }
}
