package dev.tether.bench.jmh;

import dev.tether.protocol.FrameWriter;
import dev.tether.protocol.OpCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;

/**
 * Frame writing: a server's unmasked frame (header and payload in one new buffer, what a small
 * send does), its header alone into a reused buffer, and a client's masked frame.
 */
@State(Scope.Thread)
public class WriteBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer payload;
    private ByteBuffer header;

    @Setup
    public void setUp() {
        payload = ByteBuffer.wrap(Sizes.ascii(size));
        header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
    }

    @Benchmark
    public ByteBuffer serverFrame() {
        return FrameWriter.frame(true, 0, OpCode.BINARY, payload);
    }

    @Benchmark
    public ByteBuffer serverHeaderOnly() {
        header.clear();
        FrameWriter.writeHeader(header, true, 0, OpCode.BINARY, size, false, 0);
        return header;
    }

    @Benchmark
    public ByteBuffer clientMaskedFrame() {
        return FrameWriter.maskedFrame(true, 0, OpCode.BINARY, payload, Sizes.ASCII_SAFE_KEY);
    }
}
