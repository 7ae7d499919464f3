package dev.tether.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * Round-trip latency: one connection, one 16-byte text message at a time, each echo verified
 * before the next message goes. Blocking I/O on the caller's thread.
 */
public final class LatencyLoad {
    private LatencyLoad() {
    }

    /** Percentiles of the measured round trips, in microseconds, and how many were measured. */
    public record Result(double p50, double p90, double p99, double p999, int samples) {
    }

    /** Runs a warm-up, then records every round trip of the measured period. */
    public static Result run(Target target, long warmupNanos, long measureNanos) throws IOException {
        Target.Opened opened = target.open(false);
        SocketChannel channel = opened.channel();
        EchoStream stream = new EchoStream(Payloads.words(16), EchoStream.TEXT, target.websocket(), opened.agreed(), System.nanoTime());
        ByteBuffer out = ByteBuffer.allocateDirect(stream.frameCapacity());
        ByteBuffer in = ByteBuffer.allocateDirect(4096 + opened.early().remaining());
        // Anything that came with the handshake response precedes the first echo.
        in.put(opened.early());
        long[] samples = new long[1 << 16];
        int count = 0;
        try {
            long measureFrom = System.nanoTime() + warmupNanos;
            long measureTo = measureFrom + measureNanos;
            while (true) {
                long begin = System.nanoTime();
                if (begin >= measureTo) {
                    break;
                }
                out.clear();
                stream.encodeNext(out);
                out.flip();
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                int done = 0;
                while (done == 0) {
                    if (channel.read(in) < 0) {
                        throw new IOException("the server closed the connection");
                    }
                    in.flip();
                    done = stream.consume(in);
                    in.compact();
                }
                long end = System.nanoTime();
                if (begin >= measureFrom) {
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, count * 2);
                    }
                    samples[count++] = end - begin;
                }
            }
            if (target.websocket()) {
                out.clear();
                stream.encodeClose(out);
                out.flip();
                channel.write(out);
            }
        } finally {
            channel.close();
            stream.release();
        }
        Arrays.sort(samples, 0, count);
        return new Result(percentile(samples, count, 0.50), percentile(samples, count, 0.90),
                percentile(samples, count, 0.99), percentile(samples, count, 0.999), count);
    }

    private static double percentile(long[] sorted, int count, double q) {
        if (count == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(count - 1, Math.ceil(q * count) - 1);
        return sorted[Math.max(index, 0)] / 1000.0;
    }
}
