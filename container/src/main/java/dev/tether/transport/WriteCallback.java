package dev.tether.transport;

/** Told once when a {@link Transport#write} has completed or failed. Must not block. */
@FunctionalInterface
public interface WriteCallback {

    /** @param failure {@code null} when every byte was handed to the network, else why not */
    void onWriteComplete(Throwable failure);
}
