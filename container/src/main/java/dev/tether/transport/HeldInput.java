package dev.tether.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Input held back while a connection changes hands: bytes that arrive after an HTTP
 * handshake's head and before the WebSocket session is ready for them. Bounded: past the
 * limit, {@link #keep} refuses. Not thread-safe; its owner guards it.
 */
public final class HeldInput {
    private final long limit;
    private ByteArrayOutputStream bytes;

    public HeldInput(long limit) {
        this.limit = limit;
    }

    /**
     * Copies {@code data}'s remaining bytes, consuming them.
     *
     * @return false, keeping nothing, if that would go past the limit
     */
    public boolean keep(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return true;
        }
        if (bytes == null) {
            bytes = new ByteArrayOutputStream(Math.min(n, 8192));
        }
        if (bytes.size() + (long) n > limit) {
            data.position(data.limit());
            return false;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        bytes.write(copy, 0, n);
        return true;
    }

    /** What was kept, or null if nothing; the holder is empty afterwards. */
    public ByteBuffer take() {
        ByteBuffer kept = bytes == null || bytes.size() == 0 ? null : ByteBuffer.wrap(bytes.toByteArray());
        bytes = null;
        return kept;
    }
}
