package dev.tether.protocol;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Fresh masking keys for a client's frames (RFC 6455 §5.3: unpredictable, from a strong
 * source of entropy), drawn from a {@link SecureRandom} in batches so that a frame does not
 * pay for a call into the random source.
 *
 * <p>Not thread-safe: one instance per connection, used under that connection's send lock.
 */
public final class MaskKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 64;

    private final ByteBuffer batch = ByteBuffer.allocate(BATCH * Integer.BYTES);

    public MaskKeys() {
        batch.position(batch.limit());
    }

    /** The next key; never zero, so that masking is never a no-op on the wire. */
    public int next() {
        int key;
        do {
            if (!batch.hasRemaining()) {
                RANDOM.nextBytes(batch.array());
                batch.clear();
            }
            key = batch.getInt();
        } while (key == 0);
        return key;
    }
}
