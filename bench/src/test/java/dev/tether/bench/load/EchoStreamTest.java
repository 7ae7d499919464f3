package dev.tether.bench.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encodes with one stream, plays a server (unmask, echo unmasked), checks with the same stream. */
class EchoStreamTest {

    /** What an echo server would send back for one masked client frame. */
    private static ByteBuffer echo(ByteBuffer clientFrame) {
        int b0 = clientFrame.get() & 0xFF;
        int b1 = clientFrame.get() & 0x7F;
        long length = b1 == 126 ? clientFrame.getShort() & 0xFFFF : b1 == 127 ? clientFrame.getLong() : b1;
        byte[] key = new byte[4];
        clientFrame.get(key);
        byte[] payload = new byte[(int) length];
        clientFrame.get(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        ByteBuffer out = ByteBuffer.allocate(payload.length + 10);
        out.put((byte) b0);
        if (length <= 125) {
            out.put((byte) length);
        } else if (length <= 0xFFFF) {
            out.put((byte) 126).putShort((short) length);
        } else {
            out.put((byte) 127).putLong(length);
        }
        return out.put(payload).flip();
    }

    @Test
    void verifiesEchoesOfEverySizeClassFedByteByByte() throws IOException {
        for (int size : new int[] {16, 200, 70_000}) {
            EchoStream stream = new EchoStream(Payloads.words(size), EchoStream.TEXT, true, null, 1);
            ByteBuffer out = ByteBuffer.allocate(stream.frameCapacity() * 3);
            for (int i = 0; i < 3; i++) {
                stream.encodeNext(out);
            }
            out.flip();
            ByteBuffer echoed = ByteBuffer.allocate(out.remaining());
            for (int i = 0; i < 3; i++) {
                echoed.put(echo(out));
            }
            echoed.flip();
            ByteBuffer in = ByteBuffer.allocate(echoed.remaining());
            int done = 0;
            while (echoed.hasRemaining()) {
                in.put(echoed.get());
                in.flip();
                done += stream.consume(in);
                in.compact();
            }
            assertEquals(3, done, "size " + size);
            assertEquals(3, stream.received());
        }
    }

    @Test
    void framesAreMaskedWithDifferentKeys() {
        EchoStream stream = new EchoStream(Payloads.words(16), EchoStream.TEXT, true, null, 7);
        ByteBuffer a = ByteBuffer.allocate(64);
        ByteBuffer b = ByteBuffer.allocate(64);
        stream.encodeNext(a);
        stream.encodeNext(b);
        assertEquals((byte) 0x90, a.get(1), "mask bit and length 16");
        assertTrue(a.getInt(2) != b.getInt(2), "a fresh key per frame");
    }

    @Test
    void aChangedByteIsCaught() {
        EchoStream stream = new EchoStream(Payloads.words(64), EchoStream.BINARY, true, null, 3);
        ByteBuffer out = ByteBuffer.allocate(stream.frameCapacity());
        stream.encodeNext(out);
        ByteBuffer echoed = echo(out.flip());
        echoed.put(40, (byte) (echoed.get(40) ^ 1));
        IOException e = assertThrows(IOException.class, () -> stream.consume(echoed));
        assertTrue(e.getMessage().contains("differs at byte 38"), e.getMessage());
    }

    @Test
    void anEchoOutOfOrderIsCaught() throws IOException {
        EchoStream stream = new EchoStream(Payloads.words(32), EchoStream.TEXT, true, null, 3);
        ByteBuffer first = ByteBuffer.allocate(stream.frameCapacity());
        ByteBuffer second = ByteBuffer.allocate(stream.frameCapacity());
        stream.encodeNext(first);
        stream.encodeNext(second);
        ByteBuffer wrongFirst = echo(second.flip());
        assertThrows(IOException.class, () -> stream.consume(wrongFirst));
    }

    @Test
    void aCloseFrameFromTheServerEndsTheStream() {
        EchoStream stream = new EchoStream(Payloads.words(16), EchoStream.TEXT, true, null, 3);
        ByteBuffer close = ByteBuffer.wrap(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xF1});
        ServerClosedException e = assertThrows(ServerClosedException.class, () -> stream.consume(close));
        assertEquals(1009, e.code());
    }

    @Test
    void deflatedMessagesRoundTrip() throws IOException {
        Handshake.Agreed agreed = new Handshake.Agreed(true, false);
        EchoStream stream = new EchoStream(Payloads.words(4096), EchoStream.TEXT, true, agreed, 5);
        for (int i = 0; i < 3; i++) {
            ByteBuffer out = ByteBuffer.allocate(stream.frameCapacity());
            stream.encodeNext(out);
            ByteBuffer frame = out.flip();
            assertEquals(0xC1, frame.get(0) & 0xFF, "FIN, RSV1, text");
            // The client keeps its context and the "server" echoes the compressed bytes as they are,
            // so the client's inflater sees the same stream its deflater made.
            assertEquals(1, stream.consume(echo(frame)));
        }
    }
}
