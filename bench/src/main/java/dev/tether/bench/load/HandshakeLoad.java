package dev.tether.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connections per second, each a full life: TCP connect, opening handshake (checked), a close
 * frame, the server's close frame back, then the socket closed. {@code clients} threads do this
 * in a loop with blocking I/O; the count covers the measured period only.
 */
public final class HandshakeLoad {
    private HandshakeLoad() {
    }

    /** Completed open-and-close cycles per second. */
    public static double run(Target target, int clients, long warmupNanos, long measureNanos)
            throws IOException, InterruptedException {
        long measureFrom = System.nanoTime() + warmupNanos;
        long measureTo = measureFrom + measureNanos;
        AtomicLong counted = new AtomicLong();
        AtomicReference<IOException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try {
                    while (failure.get() == null) {
                        if (System.nanoTime() >= measureTo) {
                            return;
                        }
                        cycle(target);
                        long end = System.nanoTime();
                        if (end >= measureFrom && end < measureTo) {
                            counted.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }, "handshake-client-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return counted.get() / (measureNanos / 1e9);
    }

    private static void cycle(Target target) throws IOException {
        Target.Opened opened = target.open(false);
        SocketChannel channel = opened.channel();
        try {
            EchoStream stream = new EchoStream(new byte[8], EchoStream.TEXT, true, opened.agreed(), System.nanoTime());
            ByteBuffer out = ByteBuffer.allocate(16);
            stream.encodeClose(out);
            out.flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(256 + opened.early().remaining());
            in.put(opened.early());
            boolean unread = in.position() > 0;
            while (true) {
                if (!unread && channel.read(in) < 0) {
                    throw new IOException("no close frame before the end of the connection");
                }
                unread = false;
                in.flip();
                try {
                    stream.consume(in);
                } catch (ServerClosedException expected) {
                    return;
                }
                in.compact();
            }
        } finally {
            channel.close();
        }
    }
}
