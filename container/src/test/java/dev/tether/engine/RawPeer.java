package dev.tether.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.protocol.CloseException;
import dev.tether.protocol.FrameListener;
import dev.tether.protocol.FrameParser;
import dev.tether.protocol.FrameRecorder;
import dev.tether.protocol.Hex;
import dev.tether.protocol.Masking;
import dev.tether.protocol.OpCode;
import dev.tether.transport.TransportHandler;
import dev.tether.transport.memory.MemoryTransport;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The far end of a memory pipe, played by the test: it writes hand-made bytes, keeps every raw
 * byte the engine sends, and parses them into frames (with the strict parser of its role, so
 * a frame masked the wrong way is a breach). Frames and the pipe's closing are waited for with
 * a timeout.
 */
final class RawPeer implements TransportHandler {
    /** One frame as it came off the wire, payload unmasked. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        String hex() {
            return Hex.of(payload);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return OpCode.name(opcode) + (fin ? " fin" : "") + " " + FrameRecorder.describe(payload);
        }
    }

    final MemoryTransport transport;
    private final FrameParser parser;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<String> breaches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger closings = new AtomicInteger();

    /**
     * @param readAs how this peer reads: {@code CLIENT} when it plays a client talking to a
     *               server engine (the engine's frames must be unmasked), {@code SERVER} when it
     *               plays a server (every frame must be masked)
     */
    RawPeer(MemoryTransport transport, FrameParser.Role readAs) {
        this.transport = transport;
        this.parser = new FrameParser(readAs, 0, new Collector());
        transport.setHandler(this);
    }

    /** Writes a hex fixture to the engine as it is. */
    void send(String hex) {
        transport.write(new ByteBuffer[] {Hex.buffer(hex)}, failure -> {
            if (failure != null) {
                breaches.add("write failed: " + failure);
            }
        });
    }

    @Override
    public void onRead(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        synchronized (raw) {
            raw.writeBytes(bytes);
        }
        if (parser.isCorrupt()) {
            data.position(data.limit());
            return;
        }
        try {
            parser.parse(data);
        } catch (CloseException e) {
            breaches.add("the engine sent a bad frame: " + e.getMessage());
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (closings.incrementAndGet() > 1) {
            breaches.add("onClosed twice");
        }
        closed.countDown();
    }

    /** Every byte received so far. */
    byte[] rawBytes() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    Frame expectFrame() {
        try {
            Frame f = frames.poll(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS);
            if (f == null) {
                fail("no frame within " + SessionRecorder.WAIT_SECONDS + " s");
            }
            return f;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Takes the next frame and checks it is a whole (fin) frame of this opcode and payload. */
    void expectFrame(int opcode, String payloadHex) {
        Frame f = expectFrame();
        assertEquals(OpCode.name(opcode) + " fin " + payloadHex,
                OpCode.name(f.opcode()) + (f.fin() ? " fin " : " ") + f.hex());
    }

    void expectClosed() {
        try {
            assertTrue(closed.await(SessionRecorder.WAIT_SECONDS, TimeUnit.SECONDS), "pipe not closed in time");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    void assertNoMoreFrames() {
        assertEquals(List.of(), new ArrayList<>(breaches), "raw peer breaches");
        assertEquals(List.of(), new ArrayList<>(frames), "unexpected frames");
    }

    private final class Collector implements FrameListener {
        private ByteArrayOutputStream payload;
        private int opcode;
        private int rsv;

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            this.opcode = opcode;
            this.rsv = rsv;
            payload = new ByteArrayOutputStream();
        }

        @Override
        public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
            byte[] b = new byte[chunk.remaining()];
            Masking.copy(chunk, maskKey, keyOffset, b, 0);
            payload.writeBytes(b);
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
            frames.add(new Frame(fin, rsv, opcode, payload.toByteArray()));
            payload = null;
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            frames.add(new Frame(true, 0, opcode, b));
        }
    }
}
