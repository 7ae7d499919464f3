package dev.tether.transport.grizzly;

import dev.tether.transport.TransportHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A plain Grizzly server reads into its threads' own direct buffers: the handler sees direct
 * buffers, and a stream far larger than one buffer arrives byte for byte although each buffer
 * is reused by the next read.
 */
class DirectReadTransportFilterTest {
    private GrizzlyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aLongStreamArrivesIntactThroughReusedDirectBuffers() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(sent);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicBoolean heapSeen = new AtomicBoolean();
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        server = new GrizzlyServer("127.0.0.1", 0, null, transport -> new TransportHandler() {
            @Override
            public void onRead(ByteBuffer data) {
                if (!data.isDirect()) {
                    heapSeen.set(true);
                }
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                received.write(chunk, 0, chunk.length);
                if (received.size() == sent.length) {
                    all.complete(received.toByteArray());
                }
            }

            @Override
            public void onClosed(Throwable cause) {
            }
        });
        server.start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            Random sizes = new Random(7);
            for (int at = 0; at < sent.length; ) {
                int n = Math.min(sent.length - at, 1 + sizes.nextInt(200_000));
                out.write(sent, at, n);
                at += n;
            }
            out.flush();
            assertArrayEquals(sent, all.get(10, TimeUnit.SECONDS));
        }
        assertFalse(heapSeen.get(), "a read reached the handler in a heap buffer");
    }
}
