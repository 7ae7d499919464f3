package dev.tether.bench.jmh;

import dev.tether.protocol.Masking;
import dev.tether.protocol.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;

/**
 * Unmasking in place, alone and followed by UTF-8 validation of the result. The key keeps ASCII
 * ASCII, so the buffer is valid text after every pass (unmasking twice restores it) and no copy
 * is needed to reset it between invocations.
 */
@State(Scope.Thread)
public class UnmaskBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer buffer;
    private final Utf8Validator validator = new Utf8Validator();

    @Setup
    public void setUp() {
        buffer = ByteBuffer.wrap(Sizes.ascii(size));
    }

    @Benchmark
    public int unmask() {
        return Masking.mask(buffer, 0, size, Sizes.ASCII_SAFE_KEY, 0);
    }

    @Benchmark
    public boolean unmaskAndValidate() {
        Masking.mask(buffer, 0, size, Sizes.ASCII_SAFE_KEY, 0);
        validator.validate(buffer);
        validator.finish();
        return validator.isComplete();
    }
}
