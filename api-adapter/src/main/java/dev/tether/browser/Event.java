package dev.tether.browser;

import java.util.Objects;

/**
 * A DOM event: its {@link #type()} and the {@link #target()} it was dispatched to. The
 * {@code open} and {@code error} events of a {@link WebSocket} are plain events.
 *
 * <p>The target is set when the event is dispatched; before that it is {@code null}.
 */
public class Event {
    private final String type;
    private volatile Object target;

    public Event(String type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The event's type, such as {@code "open"}. */
    public String type() {
        return type;
    }

    /** The object the event was dispatched to, or {@code null} before it was dispatched. */
    public Object target() {
        return target;
    }

    void target(Object target) {
        this.target = target;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + type + "]";
    }
}
