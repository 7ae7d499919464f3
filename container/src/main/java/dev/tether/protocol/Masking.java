package dev.tether.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Masking of frame payloads, RFC 6455 §5.3: payload byte {@code i} is XORed with key byte
 * {@code i % 4}. Masking is its own inverse, so the same call masks and unmasks.
 *
 * <pre>
 *  maskKey (big-endian int):  [ k0 | k1 | k2 | k3 ]     k0 is the first key byte on the wire
 *  payload:                   b0^k0 b1^k1 b2^k2 b3^k3 b4^k0 ...
 * </pre>
 *
 * <p>A payload may arrive in pieces, so each method takes the {@code keyOffset} (0-3) of the
 * key byte that applies to its first byte and returns the offset for the byte after its last;
 * chaining those offsets masks a payload in any number of pieces exactly as in one.
 *
 * <p>The bytes are changed in place, eight at a time where possible. A zero key changes
 * nothing, so it is skipped. Buffers must be writable (a read-only buffer fails with
 * {@link java.nio.ReadOnlyBufferException} unless the key is zero); heap and direct buffers in
 * either byte order work. Nothing here keeps state: safe from any thread, as long as no other
 * thread touches the same bytes during the call.
 */
public final class Masking {
    /** Reads and writes a {@code long} in a {@code byte[]} at any index, in the platform's order. */
    private static final VarHandle LONG_IN_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Masking() {
    }

    /**
     * Masks (or unmasks) the bytes from the buffer's position to its limit in place.
     * Position and limit are not changed.
     *
     * @param maskKey the four key bytes as a big-endian int (the first byte on the wire is the
     *        most significant)
     * @param keyOffset 0-3: which key byte applies to the byte at the position
     * @return the key offset for the byte after the limit
     */
    public static int mask(ByteBuffer buf, int maskKey, int keyOffset) {
        return mask(buf, buf.position(), buf.limit(), maskKey, keyOffset);
    }

    /**
     * Masks (or unmasks) bytes {@code [from, to)} of the buffer in place, by absolute index;
     * position and limit are not changed.
     *
     * @param maskKey the four key bytes as a big-endian int (the first byte on the wire is the
     *        most significant)
     * @param keyOffset 0-3: which key byte applies to the byte at {@code from}
     * @return the key offset for the byte at {@code to}: {@code (keyOffset + to - from) & 3}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buf.limit()}
     * @throws IllegalArgumentException if {@code keyOffset} is not 0-3
     * @throws java.nio.ReadOnlyBufferException if the buffer is read-only and the key not zero
     */
    public static int mask(ByteBuffer buf, int from, int to, int maskKey, int keyOffset) {
        Objects.checkFromToIndex(from, to, buf.limit());
        checkKeyOffset(keyOffset);
        int nextOffset = (keyOffset + (to - from)) & 3;
        if (maskKey == 0 || from == to) {
            return nextOffset;
        }
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            maskArray(buf.array(), base + from, base + to, maskKey, keyOffset);
            return nextOffset;
        }
        int key = Integer.rotateLeft(maskKey, keyOffset << 3);
        long key64 = wideKey(key, buf.order());
        int i = from;
        for (; to - i >= 8; i += 8) {
            buf.putLong(i, buf.getLong(i) ^ key64);
        }
        for (int k = 0; i < to; i++, k++) {
            buf.put(i, (byte) (buf.get(i) ^ keyByte(key, k)));
        }
        return nextOffset;
    }

    /**
     * Masks (or unmasks) {@code len} bytes of {@code b} from {@code off} in place.
     *
     * @param maskKey the four key bytes as a big-endian int (the first byte on the wire is the
     *        most significant)
     * @param keyOffset 0-3: which key byte applies to the byte at {@code off}
     * @return the key offset for the byte after the range: {@code (keyOffset + len) & 3}
     * @throws IndexOutOfBoundsException if the range lies outside the array
     * @throws IllegalArgumentException if {@code keyOffset} is not 0-3
     */
    public static int mask(byte[] b, int off, int len, int maskKey, int keyOffset) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkKeyOffset(keyOffset);
        if (maskKey != 0 && len != 0) {
            maskArray(b, off, off + len, maskKey, keyOffset);
        }
        return (keyOffset + len) & 3;
    }

    private static void maskArray(byte[] b, int from, int to, int maskKey, int keyOffset) {
        int key = Integer.rotateLeft(maskKey, keyOffset << 3);
        long key64 = wideKey(key, ByteOrder.nativeOrder());
        int i = from;
        for (; to - i >= 8; i += 8) {
            LONG_IN_ARRAY.set(b, i, (long) LONG_IN_ARRAY.get(b, i) ^ key64);
        }
        // Whole words cover whole key periods, so the tail starts again at key byte 0.
        for (int k = 0; i < to; i++, k++) {
            b[i] = (byte) (b[i] ^ keyByte(key, k));
        }
    }

    /**
     * The key for eight bytes read as one {@code long} in {@code order}, given the (already
     * rotated) four-byte key whose most significant byte applies to the first byte in memory.
     */
    private static long wideKey(int key, ByteOrder order) {
        long bigEndian = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? bigEndian : Long.reverseBytes(bigEndian);
    }

    /** Key byte {@code k & 3} of a big-endian key. */
    private static int keyByte(int key, int k) {
        return key >>> (24 - ((k & 3) << 3));
    }

    private static void checkKeyOffset(int keyOffset) {
        if ((keyOffset & ~3) != 0) {
            throw new IllegalArgumentException("key offset must be 0-3: " + keyOffset);
        }
    }
}
