package dev.tether.engine;

/**
 * Told once when a frame handed to a {@link WebSocketConnection} has been written or has
 * failed. It may run on an I/O thread: it must be quick and must not block; application
 * code it triggers belongs on an executor.
 */
@FunctionalInterface
public interface SendCallback {
    SendCallback NONE = failure -> { };

    /** @param failure {@code null} when the frame went out, else why it did not */
    void onSendComplete(Throwable failure);
}
