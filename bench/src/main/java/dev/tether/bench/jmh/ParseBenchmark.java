package dev.tether.bench.jmh;

import dev.tether.protocol.FrameListener;
import dev.tether.protocol.FrameParser;
import dev.tether.protocol.FrameWriter;
import dev.tether.protocol.Masking;
import dev.tether.protocol.OpCode;
import dev.tether.protocol.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;

/**
 * {@link FrameParser} on one masked text frame, with a listener that unmasks the payload in
 * place and validates it as UTF-8 as it streams by (two passes, no copy; the engine's own
 * single pass with its copy into the message is {@link EngineReadBenchmark}). The key keeps
 * ASCII ASCII, so the same buffer parses validly on every invocation.
 */
@State(Scope.Thread)
public class ParseBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer frame;
    private FrameParser parser;
    private Blackhole sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        frame = FrameWriter.maskedFrame(true, 0, OpCode.TEXT, ByteBuffer.wrap(Sizes.ascii(size)), Sizes.ASCII_SAFE_KEY);
        Utf8Validator validator = new Utf8Validator();
        parser = new FrameParser(FrameParser.Role.SERVER, 0, new FrameListener() {
            @Override
            public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
                validator.reset();
            }

            @Override
            public void onDataPayload(ByteBuffer chunk, int maskKey, int keyOffset) {
                Masking.mask(chunk, maskKey, keyOffset);
                validator.validate(chunk);
            }

            @Override
            public void onDataFrameEnd(boolean fin) {
                validator.finish();
                sink.consume(fin);
            }

            @Override
            public void onControlFrame(int opcode, ByteBuffer payload) {
                sink.consume(payload);
            }
        });
    }

    @Benchmark
    public void parseUnmaskValidate() {
        frame.position(0);
        parser.parse(frame);
    }
}
