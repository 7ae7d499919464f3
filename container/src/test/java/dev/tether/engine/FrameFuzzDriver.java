package dev.tether.engine;

import dev.tether.extension.DeflateConfig;
import dev.tether.extension.DeflateParameters;
import dev.tether.protocol.CloseException;
import dev.tether.protocol.CloseStatus;
import dev.tether.transport.Transport;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.WriteCallback;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Feeds one fuzz input to a fresh {@link WebSocketConnection}, synchronously: the handler's
 * callbacks run inline, writes complete inline, and the transport's close is reported once the
 * input is used up. It checks the read path's invariant and throws what breaks it.
 *
 * <p>Input layout: byte 0 chooses the session's options ({@link #DEFLATE} and the takeover
 * bits, {@link #TEXT_PARTS}, {@link #BINARY_PARTS}); byte 1 plus one is the size of each read
 * the bytes are split into (so a frame arrives in pieces, as from a socket); the rest is what
 * the peer sends. Limits are small ({@link #MAX_MESSAGE}) so that 1009 is reachable.
 *
 * <p>Not thread-safe; one call at a time (the fuzzer's thread).
 */
final class FrameFuzzDriver {
    static final int DEFLATE = 0x01;
    static final int SERVER_NO_CONTEXT_TAKEOVER = 0x02;
    static final int CLIENT_NO_CONTEXT_TAKEOVER = 0x04;
    static final int TEXT_PARTS = 0x08;
    static final int BINARY_PARTS = 0x10;
    static final long MAX_MESSAGE = 256 * 1024;

    /** Timers (close timeout) are scheduled but cancelled when the transport closes. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fuzz-timer");
        t.setDaemon(true);
        return t;
    });

    private FrameFuzzDriver() {
    }

    /**
     * Runs {@code input} through a connection of the given role.
     *
     * @throws Throwable whatever broke the invariant: an exception thrown out of the read path,
     *                   or the cause of a 1011 the read path produced (an internal error)
     */
    static void run(byte[] input, boolean client) {
        if (input.length < 2) {
            return;
        }
        int options = input[0] & 0xFF;
        int readSize = (input[1] & 0xFF) + 1;
        FakeTransport transport = new FakeTransport();
        EngineConfig config = EngineConfig.DEFAULT.withMaxTextMessageSize(MAX_MESSAGE)
                .withMaxBinaryMessageSize(MAX_MESSAGE).withCloseTimeout(Duration.ofSeconds(5));
        var deflate = (options & DEFLATE) == 0 ? null : DeflateConfig.DEFAULT.newCodec(
                new DeflateParameters((options & SERVER_NO_CONTEXT_TAKEOVER) != 0,
                        (options & CLIENT_NO_CONTEXT_TAKEOVER) != 0, 0, 0), client);
        WebSocketConnection connection = new WebSocketConnection(transport, client, deflate, config,
                Runnable::run, TIMER);
        Recorder handler = new Recorder(options);
        connection.start(handler, null);

        for (int offset = 2; offset < input.length && !transport.closed; offset += readSize) {
            int length = Math.min(readSize, input.length - offset);
            // A fresh writable buffer per read, as a transport lends one.
            ByteBuffer read = ByteBuffer.allocate(length).put(input, offset, length).flip();
            connection.onRead(read);
        }
        connection.onClosed(null);
        handler.check();
    }

    /** Records what reaches the session and keeps the first failure that breaks the invariant. */
    private static final class Recorder implements SessionHandler {
        private final int options;
        private final List<Throwable> unexpected = new ArrayList<>();

        Recorder(int options) {
            this.options = options;
        }

        @Override
        public void onOpen() {
        }

        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(ByteBuffer data) {
        }

        @Override
        public boolean wantsParts(boolean text) {
            return (options & (text ? TEXT_PARTS : BINARY_PARTS)) != 0;
        }

        @Override
        public void onTextPart(String part, boolean last) {
        }

        @Override
        public void onBinaryPart(ByteBuffer part, boolean last) {
        }

        @Override
        public void onPong(ByteBuffer data) {
        }

        @Override
        public void onError(Throwable error) {
            if (!(error instanceof CloseException close) || close.closeCode() == CloseStatus.INTERNAL_ERROR) {
                unexpected.add(error);
            }
        }

        @Override
        public void onClose(CloseStatus status) {
        }

        /** Rethrows the first unexpected failure: its cause when the engine wrapped it into a 1011. */
        void check() {
            if (unexpected.isEmpty()) {
                return;
            }
            Throwable first = unexpected.get(0);
            Throwable cause = first instanceof CloseException && first.getCause() != null ? first.getCause() : first;
            if (cause instanceof RuntimeException e) {
                throw e;
            }
            if (cause instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("unexpected failure on the read path", cause);
        }
    }

    /** Completes every write at once and only notes a close; the driver reports the end itself. */
    private static final class FakeTransport implements Transport {
        boolean closed;

        @Override
        public void setHandler(TransportHandler handler) {
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            callback.onWriteComplete(closed ? new java.io.IOException("closed") : null);
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void abort() {
            closed = true;
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
            return InetSocketAddress.createUnresolved("fuzz", 0);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved("fuzz", 1);
        }
    }
}
