package dev.tether.browser;

import java.util.Objects;

/**
 * The {@code close} event: the close code and reason the peer sent (1005 when its close frame
 * had no code, 1006 when the connection ended without a closing handshake) and whether the
 * closing handshake completed.
 */
public class CloseEvent extends Event {
    private final boolean wasClean;
    private final int code;
    private final String reason;

    public CloseEvent(String type, boolean wasClean, int code, String reason) {
        super(type);
        this.wasClean = wasClean;
        this.code = code;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Whether the connection closed with a complete closing handshake. */
    public boolean wasClean() {
        return wasClean;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "CloseEvent[" + type() + ", code=" + code + ", reason=" + reason + ", wasClean=" + wasClean + "]";
    }
}
