package dev.tether.bench.load;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private static String response(String accept, String extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n" + extra + "\r\n";
    }

    @Test
    void acceptIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.expectedAccept(KEY));
    }

    @Test
    void acceptsAValidResponseWithoutExtensions() throws IOException {
        Handshake.Agreed agreed = Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ""), KEY, true);
        assertFalse(agreed.deflate());
    }

    @Test
    void readsTheDeflateAnswer() throws IOException {
        Handshake.Agreed agreed = Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n"), KEY, true);
        assertTrue(agreed.deflate());
        assertTrue(agreed.clientNoContextTakeover());
    }

    @Test
    void refusesAWrongAccept() {
        IOException e = assertThrows(IOException.class,
                () -> Handshake.check(response("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", ""), KEY, false));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Accept"), e.getMessage());
    }

    @Test
    void refusesAnotherStatus() {
        IOException e = assertThrows(IOException.class,
                () -> Handshake.check("HTTP/1.1 404 Not Found\r\n\r\n", KEY, false));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void refusesAnExtensionThatWasNotOffered() {
        assertThrows(IOException.class, () -> Handshake.check(response("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n"), KEY, false));
    }

    @Test
    void findsTheEndOfTheHeadFromWhereTheLastReadMayHaveSplitIt() {
        byte[] bytes = "HTTP/1.1 101 OK\r\nA: b\r\n\r\nxyz".getBytes(StandardCharsets.US_ASCII);
        int end = bytes.length - 3;
        assertEquals(end, Handshake.headEnd(bytes, 0, bytes.length));
        assertEquals(end, Handshake.headEnd(bytes, end - 4, end));
        assertEquals(-1, Handshake.headEnd(bytes, 0, end - 1));
    }

    @Test
    void keepsWhatFollowsTheResponseHeadInTheSameRead() throws Exception {
        byte[] frame = {(byte) 0x81, 2, 'h', 'i'};
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> answer(server, frame));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                ByteBuffer early = ByteBuffer.allocate(Handshake.MAX_RESPONSE_HEAD);
                Handshake.Agreed agreed = Handshake.perform(client, "127.0.0.1", "/echo", false, early);
                assertFalse(agreed.deflate());
                early.flip();
                byte[] rest = new byte[early.remaining()];
                early.get(rest);
                assertEquals(new String(frame, StandardCharsets.ISO_8859_1), new String(rest, StandardCharsets.ISO_8859_1));
            }
            answered.get(10, TimeUnit.SECONDS);
        }
    }

    /** Accepts one connection, reads the request head, answers 101 and a frame in one write. */
    private static void answer(ServerSocketChannel server, byte[] frame) {
        try (SocketChannel channel = server.accept()) {
            ByteBuffer in = ByteBuffer.allocate(4096);
            String request = "";
            while (!request.contains("\r\n\r\n")) {
                if (channel.read(in) < 0) {
                    throw new IOException("request cut short");
                }
                request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
            }
            String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst()
                    .orElseThrow().substring("Sec-WebSocket-Key: ".length());
            byte[] head = response(Handshake.expectedAccept(key), "").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(head.length + frame.length).put(head).put(frame).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
