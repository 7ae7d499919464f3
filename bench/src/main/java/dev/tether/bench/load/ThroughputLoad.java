package dev.tether.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Echo throughput: {@code connections} connections, each keeping {@code window} messages in
 * flight, driven by one selector thread (the caller's). Runs a warm-up, then counts the echoes
 * verified during the measured period, then lets the messages in flight come back and closes
 * every connection with a close frame.
 */
public final class ThroughputLoad {
    private static final int READ_BUFFER = 64 * 1024;
    private static final long DRAIN_NANOS = 30_000_000_000L;

    private ThroughputLoad() {
    }

    /** Echoes per second and whether deflate was in effect (null result: not negotiated). */
    public record Result(double messagesPerSecond, double mebibytesPerSecond) {
    }

    private static final class Connection {
        final SocketChannel channel;
        final EchoStream stream;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        final int window;
        boolean sending = true;

        Connection(SocketChannel channel, EchoStream stream, int window) {
            this.channel = channel;
            this.stream = stream;
            this.window = window;
            this.out = ByteBuffer.allocateDirect(stream.frameCapacity() * window);
        }

        int inFlight() {
            return (int) (stream.sent() - stream.received());
        }

        /** Queues what the window allows and writes what the socket takes; true while bytes wait. */
        boolean fillAndWrite() throws IOException {
            while (sending && inFlight() < window && out.remaining() >= stream.frameCapacity()) {
                stream.encodeNext(out);
            }
            out.flip();
            try {
                channel.write(out);
                return out.hasRemaining();
            } finally {
                out.compact();
            }
        }

        void read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection");
            }
            in.flip();
            stream.consume(in);
            in.compact();
        }
    }

    /**
     * Runs the load.
     *
     * @return the rates, or null when deflate was asked for and the server did not agree to it
     * @throws IOException when a connection fails or an echo is wrong
     */
    public static Result run(Target target, int connections, byte[] payload, int opcode, int window,
                             boolean deflate, long warmupNanos, long measureNanos) throws IOException {
        List<Connection> open = new ArrayList<>(connections);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                Target.Opened opened = target.open(deflate);
                SocketChannel channel = opened.channel();
                if (deflate && !opened.agreed().deflate()) {
                    channel.close();
                    return null;
                }
                Connection c = new Connection(channel,
                        new EchoStream(payload, opcode, target.websocket(), opened.agreed(), System.nanoTime() + i), window);
                open.add(c);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
            }
            long start = System.nanoTime();
            long measureFrom = start + warmupNanos;
            long measureTo = measureFrom + measureNanos;
            long atFrom = -1;
            long atTo = -1;
            long drainDeadline = measureTo + DRAIN_NANOS;
            while (true) {
                long now = System.nanoTime();
                if (atFrom < 0 && now >= measureFrom) {
                    atFrom = total(open);
                }
                if (atTo < 0 && now >= measureTo) {
                    atTo = total(open);
                    for (Connection c : open) {
                        c.sending = false;
                    }
                }
                if (atTo >= 0 && allIdle(open)) {
                    break;
                }
                if (now > drainDeadline) {
                    throw new IOException("echoes still missing 30 s after the end of the measurement");
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isReadable()) {
                        c.read();
                    }
                    boolean pending = c.fillAndWrite();
                    key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
                selector.selectedKeys().clear();
            }
            double seconds = measureNanos / 1e9;
            double rate = (atTo - atFrom) / seconds;
            return new Result(rate, rate * payload.length / (1024.0 * 1024.0));
        } finally {
            closeAll(open, target.websocket());
        }
    }

    private static long total(List<Connection> open) {
        long sum = 0;
        for (Connection c : open) {
            sum += c.stream.received();
        }
        return sum;
    }

    private static boolean allIdle(List<Connection> open) {
        for (Connection c : open) {
            if (c.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    private static void closeAll(List<Connection> open, boolean websocket) {
        for (Connection c : open) {
            try {
                if (websocket && c.channel.isOpen()) {
                    ByteBuffer close = ByteBuffer.allocate(16);
                    c.stream.encodeClose(close);
                    close.flip();
                    c.channel.write(close);
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            c.stream.release();
        }
    }
}
