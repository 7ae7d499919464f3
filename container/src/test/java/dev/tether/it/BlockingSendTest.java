package dev.tether.it;

import dev.tether.server.Server;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A blocking sender facing a peer that does not read waits for room in the session's
 * outgoing queue instead of failing, and every message arrives once the peer reads.
 */
class BlockingSendTest {
    static final int MESSAGES = 1000;
    static final int SIZE = 16 * 1024;
    static final AtomicInteger sent = new AtomicInteger();
    static final AtomicReference<Throwable> failure = new AtomicReference<>();

    @ServerEndpoint("/flood")
    public static class FloodEndpoint {
        @OnMessage
        public void start(String ignored, Session session) {
            String payload = "y".repeat(SIZE);
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    session.getBasicRemote().sendText(payload);
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }
    }

    @Test
    void blockingSendWaitsForASlowReader() throws Exception {
        Server server = Server.builder().port(0).maxOutgoingBytes(64 * 1024).endpoint(FloodEndpoint.class).build();
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            socket.setReceiveBufferSize(64 * 1024);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /flood HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            // A masked text frame "go" starts the flood.
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'g' ^ 1, 'o' ^ 2});

            Thread.sleep(1500);
            assertTrue(sent.get() < MESSAGES, "the sender never waited: " + sent.get());
            assertNull(failure.get(), "a blocking send failed instead of waiting");

            for (int i = 0; i < MESSAGES; i++) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                assertEquals(0x81, b0);
                assertEquals(126, b1);
                int length = in.readUnsignedShort();
                assertEquals(SIZE, length);
                in.skipNBytes(length);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.get() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertNull(failure.get());
            assertEquals(MESSAGES, sent.get());
        } finally {
            server.stop();
        }
    }

    private static String readHead(DataInputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }
}
