package dev.tether.bench.jmh;

import dev.tether.protocol.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;

/** UTF-8 validation of ASCII text and of text with many multi-byte sequences. */
@State(Scope.Thread)
public class Utf8Benchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer ascii;
    private ByteBuffer mixed;
    private final Utf8Validator validator = new Utf8Validator();

    @Setup
    public void setUp() {
        ascii = ByteBuffer.wrap(Sizes.ascii(size));
        mixed = ByteBuffer.wrap(Sizes.mixedUtf8(size));
    }

    @Benchmark
    public boolean validateAscii() {
        validator.validate(ascii);
        validator.finish();
        return validator.isComplete();
    }

    @Benchmark
    public boolean validateMixed() {
        validator.validate(mixed);
        validator.finish();
        return validator.isComplete();
    }
}
