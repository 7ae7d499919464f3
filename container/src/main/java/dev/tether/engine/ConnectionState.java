package dev.tether.engine;

/**
 * The closing handshake's states (RFC 6455 §7) and the only place they change.
 *
 * <pre>
 *            send close              receive close
 *   OPEN ──────────────► CLOSE_SENT ──────────────► CLOSED
 *     │                                               ▲
 *     └──────────────► CLOSE_RECEIVED ────────────────┘
 *       receive close                  send close
 *   (any state ── connection lost ──► CLOSED)
 * </pre>
 *
 * Thread-safe: transitions are atomic under this object's lock.
 */
final class ConnectionState {
    enum Phase { OPEN, CLOSE_SENT, CLOSE_RECEIVED, CLOSED }

    private Phase phase = Phase.OPEN;

    synchronized Phase phase() {
        return phase;
    }

    /** Whether data frames may still be sent: only before either side has sent a close. */
    synchronized boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /** Records that we send a close frame; false if we already have (or the connection is gone). */
    synchronized boolean closeSent() {
        switch (phase) {
            case OPEN -> phase = Phase.CLOSE_SENT;
            case CLOSE_RECEIVED -> phase = Phase.CLOSED;
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a received close frame and returns the phase it arrived in: {@code OPEN} means the
     * peer started the handshake (we must answer), {@code CLOSE_SENT} that it answered ours.
     * Any other phase means the frame is to be ignored.
     */
    synchronized Phase closeReceived() {
        Phase before = phase;
        switch (phase) {
            case OPEN -> phase = Phase.CLOSE_RECEIVED;
            case CLOSE_SENT -> phase = Phase.CLOSED;
            default -> { }
        }
        return before;
    }

    /** Ends the connection from any phase; false if it had already ended. */
    synchronized boolean terminate() {
        if (phase == Phase.CLOSED) {
            return false;
        }
        phase = Phase.CLOSED;
        return true;
    }
}
