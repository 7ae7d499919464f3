package dev.tether.bench.jmh;

import dev.tether.engine.EngineConfig;
import dev.tether.engine.SessionHandler;
import dev.tether.engine.WebSocketConnection;
import dev.tether.protocol.CloseStatus;
import dev.tether.protocol.FrameWriter;
import dev.tether.protocol.OpCode;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The engine's read path as a server runs it, without I/O: one masked text frame handed to
 * {@link WebSocketConnection#onRead} is parsed, unmasked, validated as UTF-8, assembled into
 * the message and delivered as a {@code String} to the handler (callbacks run inline). So it
 * includes what the engine does per message beyond the single pass over the payload: the
 * message buffer's allocation and the {@code String}'s decoding copy.
 *
 * <p>The parser leaves data payloads masked in its input, so the same frame is read again on
 * every invocation.
 */
@State(Scope.Thread)
public class EngineReadBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer frame;
    private WebSocketConnection connection;
    private ScheduledExecutorService timer;

    @Setup
    public void setUp(Blackhole sink) {
        frame = FrameWriter.maskedFrame(true, 0, OpCode.TEXT, ByteBuffer.wrap(Sizes.ascii(size)), Sizes.ASCII_SAFE_KEY);
        timer = Executors.newSingleThreadScheduledExecutor();
        connection = new WebSocketConnection(new IdleTransport(), false, null, EngineConfig.DEFAULT, Runnable::run, timer);
        connection.start(new SessionHandler() {
            @Override
            public void onOpen() {
            }

            @Override
            public void onText(String text) {
                sink.consume(text);
            }

            @Override
            public void onBinary(ByteBuffer data) {
                sink.consume(data);
            }

            @Override
            public void onPong(ByteBuffer data) {
            }

            @Override
            public void onError(Throwable error) {
                throw new IllegalStateException("the benchmark's frame was refused", error);
            }

            @Override
            public void onClose(CloseStatus status) {
                throw new IllegalStateException("the benchmark's connection closed: " + status);
            }
        }, null);
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
    }

    @Benchmark
    public void readTextMessage() {
        frame.position(0);
        connection.onRead(frame);
    }

    /** A transport that is never written to (the benchmark sends nothing) and never closes. */
    private static final class IdleTransport implements Transport {
        @Override
        public void setHandler(TransportHandler handler) {
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            throw new IllegalStateException("nothing is sent in this benchmark");
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress(0);
        }
    }
}
