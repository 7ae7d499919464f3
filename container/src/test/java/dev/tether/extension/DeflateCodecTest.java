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

    /** The compressed fragments of one message, inflated as the receiver does: each as it arrives, then the tail. */
    static byte[] inflateFragments(DeflateCodec codec, List<ByteBuffer> fragments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer fragment : fragments) {
            codec.inflate(fragment, piece -> out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining()));
        }
        codec.finishMessage(piece -> out.write(piece.array(), piece.arrayOffset() + piece.position(), piece.remaining()));
        return out.toByteArray();
    }

    @Test
    void messagesSentInPartsRoundTripAndOnlyTheLastDropsTheFlushTail() {
        byte[] tail = {0, 0, (byte) 0xff, (byte) 0xff};
        for (DeflateParameters params : List.of(TAKEOVER, NO_TAKEOVER)) {
            try (DeflateCodec sender = new DeflateCodec(params, false, -1, 0);
                 DeflateCodec receiver = new DeflateCodec(params, true, -1, 0)) {
                for (int message = 0; message < 3; message++) {
                    String text = "part of a message sent in pieces, message " + message + "; ";
                    List<ByteBuffer> fragments = new ArrayList<>();
                    ByteArrayOutputStream whole = new ByteArrayOutputStream();
                    for (int i = 0; i < 4; i++) {
                        byte[] part = (text + i).repeat(20).getBytes(StandardCharsets.UTF_8);
                        whole.writeBytes(part);
                        ByteBuffer compressed = sender.compressPart(ByteBuffer.wrap(part), i == 3);
                        byte[] bytes = new byte[compressed.remaining()];
                        compressed.duplicate().get(bytes);
                        byte[] end = java.util.Arrays.copyOfRange(bytes, Math.max(0, bytes.length - 4), bytes.length);
                        if (i < 3) {
                            assertArrayEquals(tail, end, "fragment " + i + " is sync-flushed");
                        } else {
                            assertTrue(!java.util.Arrays.equals(tail, end), "the last fragment drops the tail");
                        }
                        fragments.add(compressed);
                    }
                    assertArrayEquals(whole.toByteArray(), inflateFragments(receiver, fragments), "message " + message);
                }
            }
        }
    }

    @Test
    void anEmptyLastPartAfterAFlushedOneIsTheOneByteEmptyBlock() {
        try (DeflateCodec sender = new DeflateCodec(TAKEOVER, false, -1, 0);
             DeflateCodec receiver = new DeflateCodec(TAKEOVER, true, -1, 0)) {
            byte[] part = "only part with data".getBytes(StandardCharsets.UTF_8);
            ByteBuffer first = sender.compressPart(ByteBuffer.wrap(part), false);
            ByteBuffer last = sender.compressPart(ByteBuffer.allocate(0), true);
            assertEquals(ByteBuffer.wrap(new byte[1]), last);
            assertArrayEquals(part, inflateFragments(receiver, List.of(first, last)));
            // The context goes on: a whole message after it still inflates.
            byte[] next = "and the next message".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(next, inflate(receiver, sender.compress(ByteBuffer.wrap(next))));
        }
    }

    @Test
    void aWindowBelow15BitsIsHonouredWithoutBackReferences() {
        // A 9-bit window (512 bytes): a repeat 1000 bytes back would be out of reach, so a
        // compressor that matched it would break a peer that really used a 9-bit window.
        byte[] block = new byte[1000];
        new Random(3).nextBytes(block);
        byte[] message = new byte[2000];
        System.arraycopy(block, 0, message, 0, 1000);
        System.arraycopy(block, 0, message, 1000, 1000);
        DeflateParameters small = new DeflateParameters(false, false, 9, 0);
        try (DeflateCodec server = new DeflateCodec(small, false, -1, 0);
             DeflateCodec client = new DeflateCodec(small, true, -1, 0);
             DeflateCodec unlimited = new DeflateCodec(TAKEOVER, false, -1, 0)) {
            ByteBuffer limited = server.compress(ByteBuffer.wrap(message));
            assertTrue(limited.remaining() > 1500, "no match 1000 bytes back: " + limited.remaining());
            assertTrue(unlimited.compress(ByteBuffer.wrap(message)).remaining() < 1500, "the default does match it");
            assertArrayEquals(message, inflate(client, limited));
            // The client's own window is not limited by server_max_window_bits.
            ByteBuffer fromClient = client.compress(ByteBuffer.wrap(message));
            assertTrue(fromClient.remaining() < 1500);
            assertArrayEquals(message, inflate(server, fromClient));
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
