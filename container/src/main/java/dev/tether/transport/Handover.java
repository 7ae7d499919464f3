package dev.tether.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A connection changing hands, from the handler of its HTTP handshake to the handler that runs
 * it afterwards: what arrives meanwhile (input, and the connection's end) is held, then handed
 * over in order, so nothing is lost and nothing overtakes.
 *
 * <p>Thread-safe. The handshake handler calls {@link #forward} or {@link #hold} for input and
 * {@link #ended} for the end; whoever starts the next handler calls {@link #handTo} once.
 */
public final class Handover {
    private final HeldInput held;
    private TransportHandler next;
    private boolean ended;
    private Throwable endCause;

    /** @param maxHeld how many bytes may be held before {@link #hold} refuses */
    public Handover(long maxHeld) {
        this.held = new HeldInput(maxHeld);
    }

    /** Passes {@code data} to the next handler if the connection has been handed over. */
    public synchronized boolean forward(ByteBuffer data) {
        if (next == null) {
            return false;
        }
        next.onRead(data);
        return true;
    }

    /**
     * Holds {@code data} (consuming it) for the next handler.
     *
     * @return false, holding nothing more, once the limit would be passed
     */
    public synchronized boolean hold(ByteBuffer data) {
        return held.keep(data);
    }

    /** The connection ended: the next handler hears it now if it runs, else as soon as it takes over. */
    public void ended(Throwable cause) {
        TransportHandler target;
        synchronized (this) {
            ended = true;
            endCause = cause;
            target = next;
        }
        if (target != null) {
            target.onClosed(cause);
        }
    }

    /**
     * Hands the connection to {@code next}: {@code start} receives what was held (or null) and
     * starts it; if the connection ended meanwhile, {@code next} then hears that too.
     */
    public synchronized void handTo(TransportHandler next, Consumer<ByteBuffer> start) {
        this.next = next;
        start.accept(held.take());
        if (ended) {
            next.onClosed(endCause);
        }
    }
}
