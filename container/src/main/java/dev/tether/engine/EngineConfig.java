package dev.tether.engine;

import java.time.Duration;

/**
 * Limits and timeouts of one WebSocket connection. Immutable; every default is here.
 *
 * @param maxTextMessageSize   largest text message accepted, in UTF-8 bytes; a larger one closes with 1009
 * @param maxBinaryMessageSize largest binary message accepted, in bytes; a larger one closes with 1009
 * @param closeTimeout         how long to wait for the peer's close frame (or, for a client,
 *                             the server's TCP close) before dropping the connection
 * @param maxOutgoingBytes     bytes that may wait to be written before an asynchronous send is
 *                             refused and a blocking send waits; below it any one message is
 *                             accepted, so the queue passes the limit by one message at most
 * @param maxInboundBacklog    bytes of received messages that may wait for the endpoint before
 *                             the connection stops reading from the network
 * @param stalledWriteTimeout  how long a write may go without the network taking any of its
 *                             bytes (a peer that stopped reading) before the connection is
 *                             dropped: no close frame (it could not get through), the endpoint
 *                             sees an error and 1006, waiting sends fail; zero disables it
 */
public record EngineConfig(long maxTextMessageSize,
                           long maxBinaryMessageSize,
                           Duration closeTimeout,
                           long maxOutgoingBytes,
                           long maxInboundBacklog,
                           Duration stalledWriteTimeout) {

    public static final long DEFAULT_MAX_MESSAGE_SIZE = 16L * 1024 * 1024;
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_MAX_OUTGOING_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_MAX_INBOUND_BACKLOG = 4L * 1024 * 1024;
    public static final Duration DEFAULT_STALLED_WRITE_TIMEOUT = Duration.ofSeconds(60);

    public static final EngineConfig DEFAULT = new EngineConfig(
            DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_CLOSE_TIMEOUT,
            DEFAULT_MAX_OUTGOING_BYTES, DEFAULT_MAX_INBOUND_BACKLOG, DEFAULT_STALLED_WRITE_TIMEOUT);

    public EngineConfig {
        if (maxTextMessageSize < 0 || maxBinaryMessageSize < 0 || maxOutgoingBytes < 0 || maxInboundBacklog < 0) {
            throw new IllegalArgumentException("sizes must not be negative");
        }
        if (closeTimeout == null || closeTimeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout must be zero or positive");
        }
        if (stalledWriteTimeout == null || stalledWriteTimeout.isNegative()) {
            throw new IllegalArgumentException("stalledWriteTimeout must be zero or positive");
        }
    }

    /** The limits above with the default stalled-write timeout. */
    public EngineConfig(long maxTextMessageSize, long maxBinaryMessageSize, Duration closeTimeout,
                        long maxOutgoingBytes, long maxInboundBacklog) {
        this(maxTextMessageSize, maxBinaryMessageSize, closeTimeout, maxOutgoingBytes, maxInboundBacklog,
                DEFAULT_STALLED_WRITE_TIMEOUT);
    }

    public EngineConfig withMaxTextMessageSize(long size) {
        return new EngineConfig(size, maxBinaryMessageSize, closeTimeout, maxOutgoingBytes, maxInboundBacklog,
                stalledWriteTimeout);
    }

    public EngineConfig withMaxBinaryMessageSize(long size) {
        return new EngineConfig(maxTextMessageSize, size, closeTimeout, maxOutgoingBytes, maxInboundBacklog,
                stalledWriteTimeout);
    }

    public EngineConfig withCloseTimeout(Duration timeout) {
        return new EngineConfig(maxTextMessageSize, maxBinaryMessageSize, timeout, maxOutgoingBytes, maxInboundBacklog,
                stalledWriteTimeout);
    }

    public EngineConfig withMaxOutgoingBytes(long bytes) {
        return new EngineConfig(maxTextMessageSize, maxBinaryMessageSize, closeTimeout, bytes, maxInboundBacklog,
                stalledWriteTimeout);
    }

    public EngineConfig withStalledWriteTimeout(Duration timeout) {
        return new EngineConfig(maxTextMessageSize, maxBinaryMessageSize, closeTimeout, maxOutgoingBytes,
                maxInboundBacklog, timeout);
    }

    /**
     * The defaults, overridden by the system properties {@code tether.maxTextMessageSize},
     * {@code tether.maxBinaryMessageSize}, {@code tether.closeTimeoutMillis},
     * {@code tether.maxOutgoingBytes}, {@code tether.maxInboundBacklog} and
     * {@code tether.stalledWriteTimeoutMillis} where set.
     */
    public static EngineConfig fromSystemProperties() {
        return new EngineConfig(
                Long.getLong("tether.maxTextMessageSize", DEFAULT_MAX_MESSAGE_SIZE),
                Long.getLong("tether.maxBinaryMessageSize", DEFAULT_MAX_MESSAGE_SIZE),
                Duration.ofMillis(Long.getLong("tether.closeTimeoutMillis", DEFAULT_CLOSE_TIMEOUT.toMillis())),
                Long.getLong("tether.maxOutgoingBytes", DEFAULT_MAX_OUTGOING_BYTES),
                Long.getLong("tether.maxInboundBacklog", DEFAULT_MAX_INBOUND_BACKLOG),
                Duration.ofMillis(Long.getLong("tether.stalledWriteTimeoutMillis",
                        DEFAULT_STALLED_WRITE_TIMEOUT.toMillis())));
    }
}
