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
 * flight, driven by one selector thread (the caller's). Runs a warm-up until every connection has
 * had a whole window echoed (between a least and a most time), then measures the echoes verified
 * during the measured period ({@link EchoRate}), then lets the messages in flight come back and
 * closes every connection with a close frame. (Dropping the connections instead of waiting for
 * the messages in flight would save seconds in the 1 MiB cases, but the servers then spend the
 * next case's first seconds failing writes and logging them: its figure drops to nothing.)
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
        final int index;
        final SocketChannel channel;
        final EchoStream stream;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
        final int window;
        boolean sending = true;

        Connection(int index, SocketChannel channel, EchoStream stream, int window, ByteBuffer early) {
            this.index = index;
            this.channel = channel;
            this.stream = stream;
            this.window = window;
            this.out = ByteBuffer.allocateDirect(stream.frameCapacity() * window);
            this.in.put(early);
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

        /** Reads and verifies what arrived; returns the number of echoes it completed. */
        long read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the server closed the connection");
            }
            in.flip();
            long before = stream.received();
            stream.consume(in);
            in.compact();
            return stream.received() - before;
        }
    }

    /**
     * Runs the load. The warm-up lasts at least {@code minWarmupNanos}, then until every
     * connection has had {@code window} echoes (its pipeline is full and turning), but no longer
     * than {@code maxWarmupNanos}; the measured period follows at once.
     *
     * @return the rates, or null when deflate was asked for and the server did not agree to it
     * @throws IOException when a connection fails or an echo is wrong
     */
    public static Result run(Target target, int connections, byte[] payload, int opcode, int window,
                             boolean deflate, long minWarmupNanos, long maxWarmupNanos, long measureNanos)
            throws IOException, InterruptedException {
        List<Connection> open = new ArrayList<>(connections);
        boolean drained = false;
        try (Selector selector = Selector.open()) {
            // One first, alone: a server that refuses deflate is known without opening the rest.
            List<Target.Opened> opened = new ArrayList<>(Opener.open(target, 1, deflate, 1));
            if (deflate && !opened.get(0).agreed().deflate()) {
                Opener.closeAll(opened);
                return null;
            }
            try {
                opened.addAll(Opener.open(target, connections - 1, deflate, Opener.DEFAULT_PARALLELISM));
            } catch (IOException | InterruptedException e) {
                Opener.closeAll(opened);
                throw e;
            }
            for (int i = 0; i < connections; i++) {
                Target.Opened o = opened.get(i);
                Connection c = new Connection(i, o.channel(),
                        new EchoStream(payload, opcode, target.websocket(), o.agreed(), System.nanoTime() + i), window,
                        o.early());
                open.add(c);
                o.channel().configureBlocking(false);
                o.channel().register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
            }
            long start = System.nanoTime();
            long warmedAt = start + minWarmupNanos;
            long warmedBy = start + Math.max(minWarmupNanos, maxWarmupNanos);
            EchoRate rate = null;
            long measureTo = Long.MAX_VALUE;
            boolean draining = false;
            while (true) {
                long now = System.nanoTime();
                if (rate == null && now >= warmedAt && (now >= warmedBy || everyWindowTurned(open))) {
                    measureTo = now + measureNanos;
                    rate = new EchoRate(connections, now, measureTo);
                }
                if (!draining && now >= measureTo) {
                    draining = true;
                    for (Connection c : open) {
                        c.sending = false;
                    }
                }
                if (draining && allIdle(open)) {
                    drained = true;
                    break;
                }
                if (draining && now - measureTo > DRAIN_NANOS) {
                    throw new IOException("echoes still missing 30 s after the end of the measurement");
                }
                selector.select(10);
                long readAt = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (key.isReadable()) {
                        long echoes = c.read();
                        if (rate != null) {
                            rate.record(c.index, echoes, readAt);
                        }
                    }
                    boolean pending = c.fillAndWrite();
                    key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                }
                selector.selectedKeys().clear();
            }
            double perSecond = rate.perSecond(window);
            return new Result(perSecond, perSecond * payload.length / (1024.0 * 1024.0));
        } finally {
            // A close frame only where no frame is half written (after a failure it may be).
            closeAll(open, drained && target.websocket());
        }
    }

    private static boolean everyWindowTurned(List<Connection> open) {
        for (Connection c : open) {
            if (c.stream.received() < c.window) {
                return false;
            }
        }
        return true;
    }

    private static boolean allIdle(List<Connection> open) {
        for (Connection c : open) {
            if (c.inFlight() > 0) {
                return false;
            }
        }
        return true;
    }

    private static void closeAll(List<Connection> open, boolean closeFrame) {
        for (Connection c : open) {
            try {
                if (closeFrame && c.channel.isOpen()) {
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
