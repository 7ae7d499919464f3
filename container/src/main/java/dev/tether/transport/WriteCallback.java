package dev.tether.transport;

/** Told once when a {@link Transport#write} has completed or failed. Must not block. */
@FunctionalInterface
public interface WriteCallback {

    /** @param failure {@code null} when every byte was handed to the network, else why not */
    void onWriteComplete(Throwable failure);

    /**
     * Some bytes of the write were handed to the network, but not yet all. A transport that
     * writes in parts may call it any number of times before {@link #onWriteComplete}; one that
     * cannot tell need not call it at all. Must not block.
     */
    default void onWriteProgress() {
    }
}
