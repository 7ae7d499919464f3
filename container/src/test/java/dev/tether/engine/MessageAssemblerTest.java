package dev.tether.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.protocol.CloseException;
import dev.tether.protocol.OpCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageAssembler} fed as the parser feeds it: chunks still masked, with their key and
 * key offset. Each frame of a test has its own key, as on the wire.
 */
class MessageAssemblerTest {
    private static final int KEY_A = 0x37FA213D;
    private static final int KEY_B = 0xA1B2C3D4;

    private final MessageAssembler assembler = new MessageAssembler(1000, 1000);

    /** Bytes {@code [from, to)} of {@code plain}, masked as they would be on the wire at {@code keyOffset}. */
    private static ByteBuffer masked(byte[] plain, int from, int to, int key, int keyOffset) {
        byte[] out = Arrays.copyOfRange(plain, from, to);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= (byte) (key >>> (24 - 8 * ((keyOffset + i) & 3)));
        }
        return ByteBuffer.wrap(out);
    }

    private static ByteBuffer direct(ByteBuffer heap) {
        ByteBuffer buf = ByteBuffer.allocateDirect(heap.remaining());
        buf.put(heap.duplicate()).flip();
        return buf;
    }

    @Test
    void joinsMaskedTextFramesSplitAtEveryByteAndAcrossChunks() {
        byte[] text = "héllo 🙂 wörld, € and more ASCII to make whole words".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            assembler.frameStart(OpCode.TEXT, split, false, false);
            int half = split / 2;
            ByteBuffer first = masked(text, 0, half, KEY_A, 0);
            assembler.payload(first, KEY_A, 0);
            assertEquals(first.limit(), first.position(), "the chunk is consumed");
            assembler.payload(direct(masked(text, half, split, KEY_A, half & 3)), KEY_A, half & 3);
            assembler.frameStart(OpCode.CONTINUATION, text.length - split, false, false);
            assembler.payload(masked(text, split, text.length, KEY_B, 0), KEY_B, 0);
            assertEquals(new String(text, StandardCharsets.UTF_8), assembler.finishText(), "split " + split);
        }
    }

    @Test
    void joinsMaskedBinaryFrames() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        assembler.frameStart(OpCode.BINARY, 101, false, false);
        assembler.payload(masked(data, 0, 101, KEY_A, 0), KEY_A, 0);
        assembler.frameStart(OpCode.CONTINUATION, 199, false, false);
        assembler.payload(direct(masked(data, 101, 150, KEY_B, 0)).asReadOnlyBuffer(), KEY_B, 0);
        assembler.payload(masked(data, 150, 300, KEY_B, 49 & 3), KEY_B, 49 & 3);
        ByteBuffer message = assembler.finishBinary();
        byte[] got = new byte[message.remaining()];
        message.get(got);
        assertArrayEquals(data, got);
    }

    @Test
    void invalidTextFailsOnTheChunkThatCarriesIt() {
        byte[] text = "abcdefghijklmnop\u00e9qrstuvwxyz".getBytes(StandardCharsets.UTF_8);
        byte[] broken = text.clone();
        broken[17] = 'x'; // the continuation byte of é replaced: c3 78
        assembler.frameStart(OpCode.TEXT, 10, false, false);
        assembler.payload(masked(broken, 0, 10, KEY_A, 0), KEY_A, 0);
        assembler.frameStart(OpCode.CONTINUATION, broken.length - 10, false, false);
        CloseException e = assertThrows(CloseException.class,
                () -> assembler.payload(masked(broken, 10, broken.length, KEY_B, 0), KEY_B, 0));
        assertEquals(1007, e.closeCode());
    }

    @Test
    void aCharacterCutByTheLastFrameFailsAtTheEnd() {
        byte[] text = "ab€".getBytes(StandardCharsets.UTF_8);
        assembler.frameStart(OpCode.TEXT, text.length - 1, false, false);
        assembler.payload(masked(text, 0, text.length - 1, KEY_A, 0), KEY_A, 0);
        CloseException e = assertThrows(CloseException.class, assembler::finishText);
        assertEquals(1007, e.closeCode());
    }

    @Test
    void theLimitIsCheckedWhenAFrameIsAnnouncedBeforeItsBytes() {
        assembler.frameStart(OpCode.TEXT, 600, false, false);
        assembler.payload(masked(new byte[600], 0, 600, KEY_A, 0), KEY_A, 0);
        CloseException e = assertThrows(CloseException.class,
                () -> assembler.frameStart(OpCode.CONTINUATION, 401, false, false));
        assertEquals(1009, e.closeCode());
    }

    @Test
    void inflatedTextArrivesPlainAndIsValidated() {
        byte[] text = "größer 🙂".getBytes(StandardCharsets.UTF_8);
        assembler.frameStart(OpCode.TEXT, 3, false, true);
        assembler.payload(ByteBuffer.wrap(text, 0, 5));
        assembler.payload(ByteBuffer.wrap(text, 5, text.length - 5));
        assertEquals("größer 🙂", assembler.finishText());

        assembler.frameStart(OpCode.TEXT, 3, false, true);
        CloseException e = assertThrows(CloseException.class,
                () -> assembler.payload(ByteBuffer.wrap(new byte[] {'a', (byte) 0xC0, (byte) 0x80})));
        assertEquals(1007, e.closeCode());
    }

    @Test
    void partialTextKeepsACharacterCutByAFrameForTheNextPart() {
        byte[] text = "abc€def".getBytes(StandardCharsets.UTF_8);
        assembler.frameStart(OpCode.TEXT, 4, true, false);
        assembler.payload(masked(text, 0, 4, KEY_A, 0), KEY_A, 0);
        assertEquals("abc", assembler.finishTextPart(false));
        assembler.frameStart(OpCode.CONTINUATION, text.length - 4, false, false);
        assembler.payload(masked(text, 4, text.length, KEY_B, 0), KEY_B, 0);
        assertEquals("€def", assembler.finishTextPart(true));
    }
}
