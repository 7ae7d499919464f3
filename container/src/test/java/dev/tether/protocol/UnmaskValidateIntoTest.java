package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Utf8Validator#unmaskValidateInto}: the read path's single pass (unmask, validate,
 * copy). Each case is checked against the definition: the bytes unmasked one at a time, and
 * the whole text decoded by the JDK's strict UTF-8 decoder.
 */
class UnmaskValidateIntoTest {
    private static final String INVALID = "text is not valid UTF-8";
    private static final String TRUNCATED = "text message ends inside a UTF-8 sequence";
    /** The masking key of the RFC 6455 §5.7 example, 37 fa 21 3d; its bytes have high bits set. */
    private static final int RFC_KEY = 0x37FA213D;
    private static final int KEY = 0xA1B2C3D4;
    private static final int OTHER_KEY = 0x0F8E7D6C;

    private final Utf8Validator validator = new Utf8Validator();

    /** How the masked source reaches the validator: each kind takes a different path. */
    enum Source {
        HEAP, HEAP_SLICE, READ_ONLY, DIRECT, DIRECT_LITTLE_ENDIAN;

        /** A buffer whose position-to-limit holds exactly {@code bytes}, around other bytes. */
        ByteBuffer of(byte[] bytes) {
            return switch (this) {
                case HEAP -> ByteBuffer.wrap(bytes);
                case HEAP_SLICE -> {
                    byte[] wider = new byte[bytes.length + 7];
                    Arrays.fill(wider, (byte) 0xFF);
                    System.arraycopy(bytes, 0, wider, 5, bytes.length);
                    yield ByteBuffer.wrap(wider, 3, bytes.length + 2).slice().position(2);
                }
                case READ_ONLY -> ByteBuffer.wrap(bytes).asReadOnlyBuffer();
                case DIRECT, DIRECT_LITTLE_ENDIAN -> {
                    ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length + 3);
                    buf.position(3).mark();
                    buf.put(bytes).reset();
                    yield buf.order(this == DIRECT ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
            };
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The definition: byte i gets key byte (keyOffset + i) % 4. */
    private static byte[] naiveMask(byte[] plain, int from, int to, int maskKey, int keyOffset) {
        byte[] out = Arrays.copyOfRange(plain, from, to);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (maskKey >>> (24 - 8 * ((keyOffset + i) & 3)));
        }
        return out;
    }

    private static boolean strictlyValid(byte[] text) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void assertBadData(String message, Runnable call) {
        CloseException e = assertThrows(CloseException.class, call::run);
        assertEquals(message, e.getMessage());
        assertEquals(1007, e.closeCode());
    }

    @Test
    void unmasksTheRfcExample() {
        byte[] message = new byte[5];
        assertEquals(1, validator.unmaskValidateInto(ByteBuffer.wrap(hex("7f9f4d5158")), RFC_KEY, 0, message, 0));
        validator.finish();
        assertEquals("Hello", new String(message, StandardCharsets.US_ASCII));
    }

    @Test
    void aZeroKeyCopiesPlainText() {
        byte[] text = "naïve café €🙂".getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[text.length + 2];
        validator.unmaskValidateInto(ByteBuffer.wrap(text), 0, 0, message, 2);
        validator.finish();
        assertArrayEquals(text, Arrays.copyOfRange(message, 2, message.length));
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void validTextSplitInTwoAtEveryByteWithEveryKeyOffset(Source kind) {
        byte[] text = "ab€cd 🙂 x¢yz 東京 ok, and some ASCII to fill whole words".getBytes(StandardCharsets.UTF_8);
        for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
            for (int split = 0; split <= text.length; split++) {
                byte[] message = new byte[text.length + 1];
                ByteBuffer first = kind.of(naiveMask(text, 0, split, KEY, keyOffset));
                ByteBuffer firstBefore = first.duplicate();
                int next = validator.unmaskValidateInto(first, KEY, keyOffset, message, 1);
                assertEquals((keyOffset + split) & 3, next);
                assertEquals(firstBefore, first, "the source is left as it was");
                validator.unmaskValidateInto(kind.of(naiveMask(text, split, text.length, KEY, next)), KEY, next,
                        message, 1 + split);
                validator.finish();
                assertArrayEquals(text, Arrays.copyOfRange(message, 1, message.length),
                        kind + " offset " + keyOffset + " split " + split);
            }
        }
    }

    /** A character split between two frames: each part masked with its own frame's key. */
    @Test
    void aCharacterSplitAcrossFramesWithDifferentKeys() {
        byte[] text = "0123456€abcdefg🙂hijklmnopq".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            byte[] message = new byte[text.length];
            validator.unmaskValidateInto(ByteBuffer.wrap(naiveMask(text, 0, split, KEY, 0)), KEY, 0, message, 0);
            validator.unmaskValidateInto(ByteBuffer.wrap(naiveMask(text, split, text.length, OTHER_KEY, 0)),
                    OTHER_KEY, 0, message, split);
            validator.finish();
            assertArrayEquals(text, message, "split " + split);
        }
    }

    @Test
    void aCharacterSplitIntoOneByteChunks() {
        byte[] text = "a€🙂¢\u07FF\uFFFF\uD7FF".getBytes(StandardCharsets.UTF_8);
        byte[] masked = naiveMask(text, 0, text.length, RFC_KEY, 0);
        byte[] message = new byte[text.length];
        int offset = 0;
        for (int i = 0; i < text.length; i++) {
            offset = validator.unmaskValidateInto(ByteBuffer.wrap(masked, i, 1), RFC_KEY, offset, message, i);
        }
        validator.finish();
        assertArrayEquals(text, message);
    }

    /**
     * An invalid byte at each position of the first words of an ASCII run fails the call that
     * carries it (fail fast, not at the end of the message), with the bytes before it copied.
     */
    @ParameterizedTest
    @EnumSource(Source.class)
    void anInvalidByteAtEachPositionOfAWordFailsAtOnce(Source kind) {
        for (String bad : new String[] {"ff", "80", "c0", "f5"}) {
            for (int at = 0; at < 24; at++) {
                byte[] text = new byte[40];
                Arrays.fill(text, (byte) 'a');
                text[at] = hex(bad)[0];
                for (int keyOffset = 0; keyOffset < 4; keyOffset++) {
                    byte[] message = new byte[text.length];
                    ByteBuffer chunk = kind.of(naiveMask(text, 0, text.length, RFC_KEY, keyOffset));
                    int offset = keyOffset;
                    validator.reset();
                    assertBadData(INVALID, () -> validator.unmaskValidateInto(chunk, RFC_KEY, offset, message, 0));
                    assertArrayEquals(Arrays.copyOf(text, at), Arrays.copyOf(message, at),
                            kind + " " + bad + " at " + at + " offset " + keyOffset);
                    assertBadData(INVALID, () -> validator.unmaskValidateInto(ByteBuffer.wrap(new byte[] {'a'}),
                            0, 0, new byte[1], 0));
                }
            }
        }
    }

    /** A sequence made invalid by its second byte, where that byte is the first of the next chunk. */
    @Test
    void aSequenceBrokenAcrossChunksFailsOnTheChunkThatBreaksIt() {
        for (String broken : new String[] {"e0 80", "ed a0", "f0 80", "f4 90", "c2 41", "e2 82 41"}) {
            byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(broken);
            byte[] message = new byte[bytes.length];
            validator.reset();
            validator.unmaskValidateInto(ByteBuffer.wrap(naiveMask(bytes, 0, bytes.length - 1, KEY, 0)), KEY, 0,
                    message, 0);
            int next = (bytes.length - 1) & 3;
            assertBadData(INVALID, () -> validator.unmaskValidateInto(
                    ByteBuffer.wrap(naiveMask(bytes, bytes.length - 1, bytes.length, KEY, next)), KEY, next,
                    message, bytes.length - 1));
        }
    }

    @Test
    void aMessageEndingInsideASequenceFailsAtFinish() {
        byte[] text = "abcdefgh\u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[text.length - 1];
        validator.unmaskValidateInto(ByteBuffer.wrap(naiveMask(text, 0, text.length - 1, KEY, 0)), KEY, 0, message, 0);
        assertFalse(validator.isComplete());
        assertBadData(TRUNCATED, validator::finish);
        assertTrue(validator.isComplete(), "finish resets the validator");
    }

    /** Random text, mostly valid, in random chunks: the same verdict as the JDK and as the two-pass path. */
    @Test
    void agreesWithTheJdkOnRandomTextInRandomChunks() {
        Random random = new Random(7);
        String[] pieces = {"a", "bcdefghij", "€", "¢", "🙂", "東", "\u07FF", "\uFFFF", "\uD7FF", "\uE000"};
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(30); n > 0; n--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (text.length > 0 && random.nextInt(3) == 0) {
                text[random.nextInt(text.length)] = (byte) random.nextInt(256);
            }
            int key = random.nextInt();
            Source kind = Source.values()[random.nextInt(Source.values().length)];
            byte[] message = new byte[text.length];
            validator.reset();
            boolean valid = true;
            int at = 0;
            int offset = random.nextInt(4);
            try {
                while (at < text.length) {
                    int n = 1 + random.nextInt(text.length - at);
                    offset = validator.unmaskValidateInto(kind.of(naiveMask(text, at, at + n, key, offset)), key,
                            offset, message, at);
                    at += n;
                }
                validator.finish();
            } catch (CloseException e) {
                assertEquals(1007, e.closeCode());
                valid = false;
            }
            assertEquals(strictlyValid(text), valid, HexFormat.of().formatHex(text));
            if (valid) {
                assertArrayEquals(text, message);
            }
        }
    }

    @Test
    void refusesASourceBackedByTheDestination() {
        byte[] shared = new byte[16];
        assertThrows(IllegalArgumentException.class,
                () -> validator.unmaskValidateInto(ByteBuffer.wrap(shared, 0, 8), KEY, 0, shared, 8));
    }

    @Test
    void checksItsArguments() {
        ByteBuffer src = ByteBuffer.wrap(new byte[8]);
        assertThrows(IndexOutOfBoundsException.class, () -> validator.unmaskValidateInto(src, KEY, 0, new byte[7], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.unmaskValidateInto(src, KEY, 0, new byte[8], 1));
        assertThrows(IllegalArgumentException.class, () -> validator.unmaskValidateInto(src, KEY, 4, new byte[8], 0));
        assertEquals(0, src.position());
    }
}
