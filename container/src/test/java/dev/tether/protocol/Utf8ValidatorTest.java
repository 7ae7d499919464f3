package dev.tether.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {
    private static final String INVALID = "text is not valid UTF-8";
    private static final String TRUNCATED = "text message ends inside a UTF-8 sequence";

    /** 1-, 2-, 3- and 4-byte sequences, including the edges of each range. */
    private static final String[] VALID_HEX = {
        "24",          // $
        "7f",          // U+007F
        "c280",        // U+0080
        "c2a2",        // ¢
        "dfbf",        // U+07FF
        "e0a080",      // U+0800
        "e282ac",      // €
        "ed9fbf",      // U+D7FF
        "ee8080",      // U+E000
        "efbfbf",      // U+FFFF
        "f0908080",    // U+10000
        "f0908d88",    // 𐍈
        "f48fbfbf",    // U+10FFFF
    };

    private final Utf8Validator validator = new Utf8Validator();

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static void assertBadData(String message, Runnable call) {
        CloseException e = assertThrows(CloseException.class, call::run);
        assertEquals(message, e.getMessage());
        assertEquals(1007, e.closeCode());
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length);
        buf.put(bytes).flip();
        return buf;
    }

    @Test
    void validSequencesSplitAtEveryByte() {
        for (String hex : VALID_HEX) {
            byte[] bytes = hex(hex);
            for (int split = 0; split <= bytes.length; split++) {
                validator.validate(bytes, 0, split);
                assertEquals(split == 0 || split == bytes.length, validator.isComplete(), hex);
                validator.validate(bytes, split, bytes.length - split);
                assertTrue(validator.isComplete(), hex);
                validator.finish();
            }
        }
    }

    @Test
    void validSequencesSplitAtEveryByteInDirectBuffers() {
        for (String hex : VALID_HEX) {
            byte[] bytes = hex(hex);
            for (int split = 0; split <= bytes.length; split++) {
                ByteBuffer buf = direct(bytes);
                buf.limit(split);
                validator.validate(buf);
                assertEquals(0, buf.position());
                buf.limit(bytes.length).position(split);
                validator.validate(buf);
                assertEquals(split, buf.position());
                validator.finish();
            }
        }
    }

    @Test
    void validSequencesOneByteAtATime() {
        for (String hex : VALID_HEX) {
            byte[] bytes = hex(hex);
            for (int i = 0; i < bytes.length; i++) {
                validator.validate(ByteBuffer.wrap(bytes, i, 1));
            }
            validator.finish();
        }
    }

    @Test
    void allValidSequencesInOneMessageAmongAscii() {
        StringBuilder text = new StringBuilder();
        for (String hex : VALID_HEX) {
            text.append("abcdefg").append(new String(hex(hex), StandardCharsets.UTF_8));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        validator.validate(bytes, 0, bytes.length);
        validator.finish();
        validator.validate(direct(bytes));
        validator.finish();
    }

    @Test
    void multiByteSequencesAtEveryAlignmentInLongAsciiText() {
        for (String hex : new String[] {"c2a2", "e282ac", "f0908d88"}) {
            String seq = new String(hex(hex), StandardCharsets.UTF_8);
            for (int at = 0; at <= 72; at++) {
                String text = "a".repeat(at) + seq + "b".repeat(80 - at);
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                validator.validate(bytes, 0, bytes.length);
                validator.finish();
                validator.validate(direct(bytes));
                validator.finish();
                ByteBuffer little = direct(bytes).order(ByteOrder.LITTLE_ENDIAN);
                validator.validate(little);
                validator.finish();
            }
        }
    }

    @Test
    void invalidByteAtEveryAlignmentInLongAsciiTextFailsThere() {
        for (int at = 0; at <= 72; at++) {
            byte[] bytes = "a".repeat(81).getBytes(StandardCharsets.US_ASCII);
            bytes[at] = (byte) 0xFF;
            byte[] copy = bytes.clone();
            assertBadData(INVALID, () -> validator.validate(copy, 0, copy.length));
            validator.reset();
            assertBadData(INVALID, () -> validator.validate(direct(copy)));
            validator.reset();
            // The prefix before the bad byte is accepted on its own.
            validator.validate(bytes, 0, at);
            assertTrue(validator.isComplete());
            validator.reset();
        }
    }

    @Test
    void agreesWithStrictJdkDecoderOnRandomInput() {
        Random random = new Random(6455);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = round % 2 == 0 ? randomText(random) : randomBytes(random);
            boolean expected = jdkAccepts(bytes);
            assertEquals(expected, accepts(bytes, false), () -> HexFormat.of().formatHex(bytes));
            assertEquals(expected, accepts(bytes, true), () -> HexFormat.of().formatHex(bytes));
        }
    }

    /** Mostly ASCII with multi-byte characters and, sometimes, a corrupted byte. */
    private static byte[] randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) (0x20 + random.nextInt(0x5F)));
            } else if (kind == 6) {
                text.append((char) (0x80 + random.nextInt(0x780)));
            } else if (kind == 7) {
                char c = (char) (0x800 + random.nextInt(0x10000 - 0x800));
                text.append(Character.isSurrogate(c) ? 'x' : c);
            } else {
                text.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0 && random.nextInt(3) == 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** Short runs of bytes biased to the interesting high range. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(12)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
        }
        return bytes;
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Validates in three pieces cut at points derived from the length, then finishes. */
    private boolean accepts(byte[] bytes, boolean directBuffers) {
        int a = bytes.length / 3;
        int b = bytes.length - bytes.length / 5;
        int[] cuts = {0, a, b, bytes.length};
        try {
            for (int i = 0; i < 3; i++) {
                int len = cuts[i + 1] - cuts[i];
                if (directBuffers) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(len);
                    buf.put(bytes, cuts[i], len).flip();
                    validator.validate(buf);
                } else {
                    validator.validate(bytes, cuts[i], len);
                }
            }
            validator.finish();
            return true;
        } catch (CloseException e) {
            assertEquals(1007, e.closeCode());
            validator.reset();
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c080", "c1bf", "e08080", "e09fbf", "f0808080", "f08fbfbf", "eda080", "edbfbf",
        "f4908080", "f4bfbfbf"})
    void overlongSurrogateAndTooHighFailAtSecondByte(String hex) {
        byte[] bytes = hex(hex);
        // C0 and C1 are never valid, so those fail at the first byte already.
        boolean leadAlwaysBad = bytes[0] == (byte) 0xC0 || bytes[0] == (byte) 0xC1;
        if (leadAlwaysBad) {
            assertBadData(INVALID, () -> validator.validate(bytes, 0, 1));
        } else {
            validator.validate(bytes, 0, 1);
            assertFalse(validator.isComplete());
            assertBadData(INVALID, () -> validator.validate(bytes, 1, 1));
        }
        validator.reset();
        assertBadData(INVALID, () -> validator.validate(bytes, 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"f5808080", "f7bfbfbf", "f8", "fc", "fe", "ff", "c0", "c1"})
    void leadBytesThatNeverOccurFailAtOnce(String hex) {
        byte[] bytes = hex(hex);
        assertBadData(INVALID, () -> validator.validate(bytes, 0, 1));
        validator.reset();
        assertBadData(INVALID, () -> validator.validate(direct(bytes)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "bf", "41bf", "c2a2a2", "e282acac", "f0908d8888"})
    void unexpectedContinuationByteFails(String hex) {
        byte[] bytes = hex(hex);
        validator.validate(bytes, 0, bytes.length - 1);
        assertBadData(INVALID, () -> validator.validate(bytes, bytes.length - 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c241", "e241", "e28241", "f041", "f09f41", "f09f9841", "c2c2", "e2c2", "f09fe2"})
    void missingContinuationByteFails(String hex) {
        byte[] bytes = hex(hex);
        validator.validate(bytes, 0, bytes.length - 1);
        assertBadData(INVALID, () -> validator.validate(bytes, bytes.length - 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2", "e2", "e282", "f0", "f09f", "f09f98", "41e282"})
    void truncatedSequencePassesValidateButFailsFinish(String hex) {
        byte[] bytes = hex(hex);
        validator.validate(bytes, 0, bytes.length);
        assertFalse(validator.isComplete());
        assertBadData(TRUNCATED, validator::finish);
        // finish() reset the validator: the next message starts clean.
        assertTrue(validator.isComplete());
        validator.validate(hex("24"), 0, 1);
        validator.finish();
    }

    @Test
    void failsOnTheCallWithTheBadByteAndNotBefore() {
        byte[] prefix = "valid prefix €𐍈 and more ascii".getBytes(StandardCharsets.UTF_8);
        byte[] withBad = new byte[prefix.length + 1];
        System.arraycopy(prefix, 0, withBad, 0, prefix.length);
        withBad[prefix.length] = (byte) 0xC0;

        validator.validate(prefix, 0, prefix.length);
        validator.reset();
        assertBadData(INVALID, () -> validator.validate(withBad, 0, withBad.length));

        validator.reset();
        validator.validate(direct(prefix));
        validator.reset();
        assertBadData(INVALID, () -> validator.validate(direct(withBad)));
    }

    @Test
    void failsBeforeTheRestOfTheBadSequenceArrives() {
        // E0 9F would need two more bytes to be "complete", but is already hopeless.
        validator.validate(hex("41e0"), 0, 2);
        assertBadData(INVALID, () -> validator.validate(hex("9f"), 0, 1));
    }

    @Test
    void afterAFailureEverythingFailsUntilReset() {
        assertBadData(INVALID, () -> validator.validate(hex("ff"), 0, 1));
        assertFalse(validator.isComplete());
        assertBadData(INVALID, () -> validator.validate(hex("41"), 0, 1));
        validator.reset();
        validator.validate(hex("41"), 0, 1);
        validator.finish();
    }

    @Test
    void finishAfterAFailureReportsItAndResets() {
        assertBadData(INVALID, () -> validator.validate(hex("eda0"), 0, 2));
        assertBadData(INVALID, validator::finish);
        assertTrue(validator.isComplete());
    }

    @Test
    void emptyInputIsValidAndChangesNothing() {
        validator.validate(new byte[0], 0, 0);
        validator.validate(ByteBuffer.allocate(0));
        validator.validate(ByteBuffer.allocateDirect(0));
        validator.finish();
        validator.validate(hex("e2"), 0, 1);
        validator.validate(ByteBuffer.allocateDirect(0));
        assertFalse(validator.isComplete());
    }

    @Test
    void bufferRangeIsPositionToLimitAndPositionIsKept() {
        // Invalid bytes outside [position, limit) are not looked at.
        byte[] bytes = hex("ff" + "e282ac" + "ff");
        ByteBuffer heap = ByteBuffer.wrap(bytes, 1, 3);
        validator.validate(heap);
        assertEquals(1, heap.position());
        assertEquals(4, heap.limit());
        validator.finish();

        ByteBuffer slice = ByteBuffer.wrap(bytes, 1, 3).slice(); // arrayOffset 1
        validator.validate(slice);
        validator.finish();

        ByteBuffer readOnly = ByteBuffer.wrap(bytes, 1, 3).asReadOnlyBuffer();
        validator.validate(readOnly);
        validator.finish();

        ByteBuffer direct = direct(bytes).position(1).limit(4);
        validator.validate(direct);
        assertEquals(1, direct.position());
        validator.finish();
    }

    @Test
    void arrayRangeIsChecked() {
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(new byte[4], -1, 1));
    }

    @Test
    void largeAsciiMessageIsValid() {
        byte[] bytes = "The quick brown fox jumps over the lazy dog. ".repeat(1000)
                .getBytes(StandardCharsets.US_ASCII);
        assertDoesNotThrow(() -> validator.validate(bytes, 0, bytes.length));
        assertDoesNotThrow(() -> validator.validate(direct(bytes)));
        validator.finish();
    }
}
