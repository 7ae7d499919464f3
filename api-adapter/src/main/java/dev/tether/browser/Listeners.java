package dev.tether.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * An event target's listener list, as in the DOM: listeners run in the order added, a listener
 * is added once per type, one removed during a dispatch is not called, one added during a
 * dispatch waits for the next event. An {@code onX} handler is an entry of its own: replacing it
 * keeps its place, clearing it removes the entry, setting it again adds one at the end.
 * Thread-safe; dispatch happens on the caller's thread.
 */
final class Listeners {
    private static final class Entry {
        final String type;
        final boolean handler;
        volatile EventListener listener;
        volatile boolean removed;

        Entry(String type, EventListener listener, boolean handler) {
            this.type = type;
            this.listener = listener;
            this.handler = handler;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(String type, EventListener listener) {
        if (type == null || listener == null || find(type, listener) != null) {
            return;
        }
        entries.add(new Entry(type, listener, false));
    }

    synchronized void remove(String type, EventListener listener) {
        Entry entry = find(type, listener);
        if (entry != null) {
            entry.removed = true;
            entries.remove(entry);
        }
    }

    private Entry find(String type, EventListener listener) {
        for (Entry entry : entries) {
            if (!entry.handler && entry.type.equals(type) && entry.listener == listener) {
                return entry;
            }
        }
        return null;
    }

    synchronized void setHandler(String type, EventListener listener) {
        Entry current = handlerEntry(type);
        if (listener == null) {
            if (current != null) {
                current.removed = true;
                entries.remove(current);
            }
        } else if (current != null) {
            current.listener = listener;
        } else {
            entries.add(new Entry(type, listener, true));
        }
    }

    synchronized EventListener handler(String type) {
        Entry entry = handlerEntry(type);
        return entry == null ? null : entry.listener;
    }

    private Entry handlerEntry(String type) {
        for (Entry entry : entries) {
            if (entry.handler && entry.type.equals(type)) {
                return entry;
            }
        }
        return null;
    }

    /** Calls the listeners for the event's type, each in turn; one that throws is reported. */
    void dispatch(Event event, Object target) {
        event.target(target);
        List<Entry> snapshot = new ArrayList<>();
        synchronized (this) {
            for (Entry entry : entries) {
                if (entry.type.equals(event.type())) {
                    snapshot.add(entry);
                }
            }
        }
        for (Entry entry : snapshot) {
            if (entry.removed) {
                continue;
            }
            try {
                entry.listener.handleEvent(event);
            } catch (RuntimeException | Error e) {
                SerialExecutor.report(e);
            }
        }
    }
}
