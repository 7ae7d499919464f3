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
 * <p>The {@code mask} methods change the bytes in place; {@link #copy} unmasks while copying
 * into an array, leaving its source untouched (the read path uses it to move a payload into its
 * message buffer in one pass). Both work eight bytes at a time where possible, reading and
 * writing a {@code long} in the platform's byte order with the key widened to match. A zero key
 * changes nothing, so it is skipped. Heap and direct buffers in either byte order work (the
 * buffer's own order plays no part); {@code mask} needs a writable buffer unless the key is zero,
 * {@code copy} also reads read-only ones. Nothing here keeps state: safe from any thread, as
 * long as no other thread touches the same bytes during the call.
 */
public final class Masking {
    /** Reads and writes a {@code long} in a {@code byte[]} at any index, in the platform's order. */
    static final VarHandle LONG_IN_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    /**
     * Reads and writes a {@code long} in any {@link ByteBuffer} (heap, direct, read-only for
     * reading) at an absolute index, in the platform's order whatever the buffer's own order.
     */
    static final VarHandle LONG_IN_BUFFER =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

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
        int key = keyAt(maskKey, keyOffset);
        long key64 = wideKey(key);
        int i = from;
        for (int words = to - 7; i < words; i += 8) {
            LONG_IN_BUFFER.set(buf, i, (long) LONG_IN_BUFFER.get(buf, i) ^ key64);
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

    /**
     * Copies the bytes from {@code src}'s position to its limit into {@code dst} from
     * {@code dstOff}, unmasking (or masking) them on the way, in one pass. {@code src}'s
     * contents, position and limit are not changed, so it may be read-only.
     *
     * @param maskKey the four key bytes as a big-endian int (the first byte on the wire is the
     *        most significant); zero copies the bytes unchanged
     * @param keyOffset 0-3: which key byte applies to the byte at {@code src}'s position
     * @return the key offset for the byte after the limit: {@code (keyOffset + src.remaining()) & 3}
     * @throws IndexOutOfBoundsException if {@code dst} has no room for the bytes at {@code dstOff}
     * @throws IllegalArgumentException if {@code keyOffset} is not 0-3
     */
    public static int copy(ByteBuffer src, int maskKey, int keyOffset, byte[] dst, int dstOff) {
        int from = src.position();
        int len = src.limit() - from;
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        checkKeyOffset(keyOffset);
        int nextOffset = (keyOffset + len) & 3;
        if (maskKey == 0) {
            src.get(from, dst, dstOff, len);
            return nextOffset;
        }
        int key = keyAt(maskKey, keyOffset);
        long key64 = wideKey(key);
        int i = 0;
        if (src.hasArray()) {
            byte[] s = src.array();
            int base = src.arrayOffset() + from;
            for (int words = len - 7; i < words; i += 8) {
                LONG_IN_ARRAY.set(dst, dstOff + i, (long) LONG_IN_ARRAY.get(s, base + i) ^ key64);
            }
            for (int k = 0; i < len; i++, k++) {
                dst[dstOff + i] = (byte) (s[base + i] ^ keyByte(key, k));
            }
        } else {
            for (int words = len - 7; i < words; i += 8) {
                LONG_IN_ARRAY.set(dst, dstOff + i, (long) LONG_IN_BUFFER.get(src, from + i) ^ key64);
            }
            for (int k = 0; i < len; i++, k++) {
                dst[dstOff + i] = (byte) (src.get(from + i) ^ keyByte(key, k));
            }
        }
        return nextOffset;
    }

    private static void maskArray(byte[] b, int from, int to, int maskKey, int keyOffset) {
        int key = keyAt(maskKey, keyOffset);
        long key64 = wideKey(key);
        int i = from;
        // "i < to - 7" rather than "to - i >= 8": C2 only unrolls and drops the bounds checks
        // of a loop whose exit test compares the index with a loop-invariant limit.
        for (int words = to - 7; i < words; i += 8) {
            LONG_IN_ARRAY.set(b, i, (long) LONG_IN_ARRAY.get(b, i) ^ key64);
        }
        // Whole words cover whole key periods, so the tail starts again at key byte 0.
        for (int k = 0; i < to; i++, k++) {
            b[i] = (byte) (b[i] ^ keyByte(key, k));
        }
    }

    /**
     * The key as it applies from a byte that takes key byte {@code keyOffset} (any int, used
     * modulo 4): rotated so that its most significant byte applies to that byte.
     */
    static int keyAt(int maskKey, int keyOffset) {
        return Integer.rotateLeft(maskKey, (keyOffset & 3) << 3);
    }

    /**
     * The key for eight bytes read as one {@code long} in the platform's order, given the
     * (already rotated) four-byte key whose most significant byte applies to the first byte in
     * memory.
     */
    static long wideKey(int key) {
        long bigEndian = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        return BIG_ENDIAN ? bigEndian : Long.reverseBytes(bigEndian);
    }

    /** Key byte {@code k & 3} of a big-endian key (in the low eight bits; higher bits are noise). */
    static int keyByte(int key, int k) {
        return key >>> (24 - ((k & 3) << 3));
    }

    private static void checkKeyOffset(int keyOffset) {
        if ((keyOffset & ~3) != 0) {
            throw new IllegalArgumentException("key offset must be 0-3: " + keyOffset);
        }
    }
}
