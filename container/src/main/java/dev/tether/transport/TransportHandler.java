package dev.tether.transport;

import java.nio.ByteBuffer;

/**
 * Receives a {@link Transport}'s input. Callbacks come from the transport's I/O thread, one at
 * a time, and must not block.
 */
public interface TransportHandler {

    /**
     * Bytes arrived. The buffer is writable and lent for the duration of the call only: the
     * handler consumes what it needs (copying anything it keeps) before returning.
     */
    void onRead(ByteBuffer data);

    /**
     * The connection is closed, by either side or by a failure ({@code cause} is then not
     * {@code null}). Called once; nothing is read afterwards.
     */
    void onClosed(Throwable cause);
}
