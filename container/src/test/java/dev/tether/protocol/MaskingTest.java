package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskingTest {
    /** The masking key of the RFC 6455 §5.7 example, 37 fa 21 3d. */
    private static final int RFC_KEY = 0x37FA213D;
    private static final int KEY = 0xA1B2C3D4;

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The definition, one byte at a time: byte i gets key byte (keyOffset + i) % 4. */
    private static void naiveMask(byte[] b, int from, int to, int maskKey, int keyOffset) {
        for (int i = from; i < to; i++) {
            int k = (keyOffset + i - from) & 3;
            b[i] ^= (byte) (maskKey >>> (24 - 8 * k));
        }
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Every byte up to the capacity, whatever the position and limit. */
    private static byte[] contents(ByteBuffer buf) {
        byte[] out = new byte[buf.capacity()];
        buf.duplicate().clear().get(out);
        return out;
    }

    private static ByteBuffer copyOf(byte[] bytes, boolean direct, ByteOrder order) {
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        buf.put(bytes).clear();
        return buf.order(order);
    }

    @Test
    void unmasksTheRfcExample() {
        byte[] payload = hex("7f9f4d5158");
        assertEquals(1, Masking.mask(ByteBuffer.wrap(payload), RFC_KEY, 0));
        assertEquals("Hello", new String(payload, StandardCharsets.US_ASCII));

        ByteBuffer direct = copyOf(hex("7f9f4d5158"), true, ByteOrder.BIG_ENDIAN);
        Masking.mask(direct, RFC_KEY, 0);
        assertArrayEquals("Hello".getBytes(StandardCharsets.US_ASCII), contents(direct));
    }

    @Test
    void masksTheRfcExample() {
        byte[] payload = "Hello".getBytes(StandardCharsets.US_ASCII);
        Masking.mask(payload, 0, payload.length, RFC_KEY, 0);
        assertArrayEquals(hex("7f9f4d5158"), payload);
    }

    @Test
    void matchesNaiveMaskingForEveryLengthOffsetStartBufferKindAndOrder() {
        Random random = new Random(6455);
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length <= 70; length++) {
                    for (int offset = 0; offset < 4; offset++) {
                        for (int start = 0; start <= 9; start++) {
                            byte[] original = randomBytes(random, start + length + 5);
                            int key = random.nextInt() | 1;
                            byte[] expected = original.clone();
                            naiveMask(expected, start, start + length, key, offset);

                            ByteBuffer buf = copyOf(original, direct, order);
                            buf.limit(start + length + 3);
                            buf.position(start / 2);
                            int next = Masking.mask(buf, start, start + length, key, offset);

                            String where = (direct ? "direct " : "heap ") + order + " length " + length
                                    + " offset " + offset + " start " + start;
                            assertArrayEquals(expected, contents(buf), where);
                            assertEquals((offset + length) & 3, next, where);
                            assertEquals(start / 2, buf.position(), where);
                            assertEquals(start + length + 3, buf.limit(), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void positionToLimitFormMatchesNaiveMasking() {
        Random random = new Random(17);
        for (boolean direct : new boolean[] {false, true}) {
            for (int length = 0; length <= 40; length++) {
                for (int offset = 0; offset < 4; offset++) {
                    byte[] original = randomBytes(random, length + 6);
                    byte[] expected = original.clone();
                    naiveMask(expected, 3, 3 + length, KEY, offset);

                    ByteBuffer buf = copyOf(original, direct, ByteOrder.BIG_ENDIAN);
                    buf.position(3).limit(3 + length);
                    assertEquals((offset + length) & 3, Masking.mask(buf, KEY, offset));
                    assertArrayEquals(expected, contents(buf));
                    assertEquals(3, buf.position());
                }
            }
        }
    }

    @Test
    void byteArrayFormMatchesNaiveMasking() {
        Random random = new Random(29);
        for (int length = 0; length <= 70; length++) {
            for (int offset = 0; offset < 4; offset++) {
                for (int start = 0; start <= 9; start++) {
                    byte[] original = randomBytes(random, start + length + 4);
                    byte[] expected = original.clone();
                    naiveMask(expected, start, start + length, KEY, offset);
                    byte[] actual = original.clone();
                    assertEquals((offset + length) & 3, Masking.mask(actual, start, length, KEY, offset));
                    assertArrayEquals(expected, actual);
                }
            }
        }
    }

    @Test
    void heapBufferWithArrayOffsetMasksTheRightBytes() {
        byte[] backing = randomBytes(new Random(3), 40);
        byte[] expected = backing.clone();
        naiveMask(expected, 5 + 2, 5 + 30, KEY, 1);
        ByteBuffer slice = ByteBuffer.wrap(backing, 5, 35).slice(); // arrayOffset 5
        Masking.mask(slice, 2, 30, KEY, 1);
        assertArrayEquals(expected, backing);
    }

    @Test
    void maskingInChunksEqualsMaskingInOneCall() {
        Random random = new Random(41);
        byte[] payload = randomBytes(random, 37);
        for (boolean direct : new boolean[] {false, true}) {
            for (int offset = 0; offset < 4; offset++) {
                byte[] expected = payload.clone();
                naiveMask(expected, 0, expected.length, KEY, offset);
                for (int split = 0; split <= payload.length; split++) {
                    for (int second = split; second <= payload.length; second += 5) {
                        ByteBuffer buf = copyOf(payload, direct, ByteOrder.nativeOrder());
                        int next = Masking.mask(buf, 0, split, KEY, offset);
                        next = Masking.mask(buf, split, second, KEY, next);
                        next = Masking.mask(buf, second, payload.length, KEY, next);
                        assertArrayEquals(expected, contents(buf), "split " + split + "/" + second);
                        assertEquals((offset + payload.length) & 3, next);
                    }
                }
            }
        }
    }

    @Test
    void maskingTwiceRestoresTheBytes() {
        byte[] original = randomBytes(new Random(5), 100);
        ByteBuffer buf = copyOf(original, true, ByteOrder.LITTLE_ENDIAN);
        Masking.mask(buf, 3, 97, KEY, 2);
        Masking.mask(buf, 3, 97, KEY, 2);
        assertArrayEquals(original, contents(buf));
    }

    @Test
    void zeroKeyChangesNothingButStillAdvancesTheOffset() {
        byte[] original = randomBytes(new Random(7), 23);
        byte[] bytes = original.clone();
        assertEquals(2, Masking.mask(ByteBuffer.wrap(bytes), 0, 23, 0, 3));
        assertEquals(2, Masking.mask(bytes, 0, 23, 0, 3));
        assertArrayEquals(original, bytes);
        // A zero key needs no writes, so even a read-only buffer is fine.
        assertEquals(1, Masking.mask(ByteBuffer.wrap(bytes).asReadOnlyBuffer(), 0, 10, 0, 3));
    }

    @Test
    void readOnlyBufferIsRefusedForANonZeroKey() {
        ByteBuffer readOnly = ByteBuffer.allocate(16).asReadOnlyBuffer();
        assertThrows(ReadOnlyBufferException.class, () -> Masking.mask(readOnly, 0, 16, KEY, 0));
    }

    @Test
    void badArgumentsAreRefused() {
        ByteBuffer buf = ByteBuffer.allocate(16).limit(8);
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(buf, 0, 9, KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(buf, 5, 4, KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.mask(new byte[4], 2, 3, KEY, 0));
        assertThrows(IllegalArgumentException.class, () -> Masking.mask(buf, 0, 8, KEY, 4));
        assertThrows(IllegalArgumentException.class, () -> Masking.mask(buf, 0, 8, KEY, -1));
    }

    // ---- copy: unmasking into another array ----

    @Test
    void copyUnmasksTheRfcExampleIntoAnArray() {
        byte[] message = new byte[7];
        ByteBuffer wire = ByteBuffer.wrap(hex("7f9f4d5158"));
        assertEquals(1, Masking.copy(wire, RFC_KEY, 0, message, 2));
        assertEquals("Hello", new String(message, 2, 5, StandardCharsets.US_ASCII));
        assertArrayEquals(hex("7f9f4d5158"), wire.array(), "the source is left masked");
        assertEquals(0, wire.position());
    }

    @Test
    void copyMatchesTheDefinitionForEveryLengthOffsetAndBufferKind() {
        Random random = new Random(11);
        byte[] original = randomBytes(random, 70);
        for (int kind = 0; kind < 5; kind++) {
            for (int from = 0; from < 9; from++) {
                for (int to = from; to <= original.length; to++) {
                    for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
                        ByteBuffer src = switch (kind) {
                            case 0 -> ByteBuffer.wrap(original.clone());
                            case 1 -> ByteBuffer.wrap(original.clone()).asReadOnlyBuffer();
                            case 2 -> copyOf(original, true, ByteOrder.BIG_ENDIAN);
                            case 3 -> copyOf(original, true, ByteOrder.LITTLE_ENDIAN);
                            default -> ByteBuffer.wrap(original.clone(), 1, original.length - 1).slice();
                        };
                        int shift = kind == 4 ? 1 : 0;
                        if (to - shift < from) {
                            continue;
                        }
                        src.limit(to - shift).position(from);
                        byte[] expected = original.clone();
                        naiveMask(expected, from + shift, to, KEY, keyOffset);
                        byte[] dst = new byte[to - shift - from + 3];
                        assertEquals((keyOffset + to - shift - from) & 3, Masking.copy(src, KEY, keyOffset, dst, 3));
                        assertArrayEquals(Arrays.copyOfRange(expected, from + shift, to), Arrays.copyOfRange(dst, 3, dst.length),
                                "kind " + kind + " [" + from + ", " + to + ") offset " + keyOffset);
                        assertEquals(from, src.position());
                        assertArrayEquals(Arrays.copyOfRange(original, shift, original.length), contents(src),
                                "the source is left as it was");
                    }
                }
            }
        }
    }

    @Test
    void copyWithAZeroKeyCopiesAndLeavesTheSource() {
        byte[] original = hex("000102030405060708090a");
        ByteBuffer src = ByteBuffer.wrap(original.clone()).position(1);
        byte[] dst = new byte[10];
        assertEquals(2, Masking.copy(src, 0, 0, dst, 0));
        assertArrayEquals(Arrays.copyOfRange(original, 1, 11), dst);
        assertArrayEquals(original, src.array());
    }

    @Test
    void copyChecksItsArguments() {
        ByteBuffer src = ByteBuffer.wrap(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.copy(src, KEY, 0, new byte[7], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masking.copy(src, KEY, 0, new byte[8], -1));
        assertThrows(IllegalArgumentException.class, () -> Masking.copy(src, KEY, 4, new byte[8], 0));
    }
}
