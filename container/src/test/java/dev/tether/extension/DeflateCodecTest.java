package dev.tether.extension;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeflateCodecTest {
    static final DeflateParameters TAKEOVER = new DeflateParameters(false, false, 0, 0);
    static final DeflateParameters NO_TAKEOVER = new DeflateParameters(true, true, 0, 0);

    static byte[] inflate(DeflateCodec codec, ByteBuffer compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.inflate(compressed, piece -> out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining()));
        codec.finishMessage(piece -> out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining()));
        return out.toByteArray();
    }

    @Test
    void rfc7692ExampleHelloInflates() {
        // RFC 7692 §7.2.3.1: "Hello" compressed without context takeover.
        byte[] compressed = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
        try (DeflateCodec codec = new DeflateCodec(TAKEOVER, false, -1, 0)) {
            assertEquals("Hello", new String(inflate(codec, ByteBuffer.wrap(compressed)), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void roundTripsWithAndWithoutContextTakeover() {
        for (DeflateParameters params : List.of(TAKEOVER, NO_TAKEOVER)) {
            try (DeflateCodec server = new DeflateCodec(params, false, -1, 0);
                 DeflateCodec client = new DeflateCodec(params, true, -1, 0)) {
                Random random = new Random(7);
                for (int i = 0; i < 50; i++) {
                    byte[] message = new byte[random.nextInt(70_000)];
                    for (int j = 0; j < message.length; j++) {
                        message[j] = (byte) ('a' + random.nextInt(4));
                    }
                    ByteBuffer compressed = server.compress(ByteBuffer.wrap(message));
                    assertArrayEquals(message, inflate(client, compressed), "message " + i + " with " + params);
                }
            }
        }
    }

    @Test
    void contextTakeoverMakesARepeatedMessageSmaller() {
        byte[] message = "the same sentence, sent twice in a row, compresses to almost nothing".getBytes(StandardCharsets.UTF_8);
        try (DeflateCodec takeover = new DeflateCodec(TAKEOVER, false, -1, 0);
             DeflateCodec fresh = new DeflateCodec(NO_TAKEOVER, false, -1, 0)) {
            int first = takeover.compress(ByteBuffer.wrap(message)).remaining();
            int second = takeover.compress(ByteBuffer.wrap(message)).remaining();
            assertTrue(second < first / 2, first + " then " + second);
            assertEquals(fresh.compress(ByteBuffer.wrap(message)).remaining(), fresh.compress(ByteBuffer.wrap(message)).remaining());
        }
    }

    @Test
    void inflationComesInPiecesSoABombCanBeStoppedEarly() {
        byte[] zeros = new byte[8 * 1024 * 1024];
        try (DeflateCodec codec = new DeflateCodec(TAKEOVER, false, -1, 0)) {
            ByteBuffer compressed = codec.compress(ByteBuffer.wrap(zeros));
            assertTrue(compressed.remaining() < 64 * 1024);
            List<Integer> pieces = new ArrayList<>();
            RuntimeException stop = new RuntimeException("limit");
            try (DeflateCodec receiver = new DeflateCodec(TAKEOVER, true, -1, 0)) {
                RuntimeException thrown = assertThrows(RuntimeException.class, () -> receiver.inflate(compressed, piece -> {
                    pieces.add(piece.remaining());
                    if (pieces.size() == 4) {
                        throw stop;
                    }
                }));
                assertEquals(stop, thrown);
            }
            assertTrue(pieces.stream().allMatch(n -> n <= 16 * 1024), pieces.toString());
        }
    }

    @Test
    void garbageIsAnError() {
        try (DeflateCodec codec = new DeflateCodec(TAKEOVER, false, -1, 0)) {
            assertThrows(IllegalArgumentException.class,
                    () -> inflate(codec, ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})));
        }
    }

    @Test
    void releasedCodecsRefuseWork() {
        DeflateCodec codec = new DeflateCodec(TAKEOVER, false, -1, 0);
        codec.compress(ByteBuffer.wrap(new byte[10]));
        codec.close();
        codec.close();
        assertThrows(IllegalStateException.class, () -> codec.compress(ByteBuffer.wrap(new byte[10])));
    }
}
