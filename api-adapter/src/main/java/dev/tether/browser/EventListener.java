package dev.tether.browser;

/**
 * Receives events, as the DOM's {@code EventListener} does. Called on the socket's event
 * executor, one event at a time; an exception it throws is reported (logged) and the other
 * listeners still run.
 */
@FunctionalInterface
public interface EventListener {
    void handleEvent(Event event);
}
