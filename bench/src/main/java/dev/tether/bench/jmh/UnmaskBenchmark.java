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
 * Unmasking: in place, alone and followed by UTF-8 validation of the result (two passes); and
 * as the engine's read path does it, while copying the payload into a message buffer, alone
 * (binary) and validating in the same pass (text). The key keeps ASCII ASCII, so the buffers
 * are valid text after every pass (unmasking in place twice restores them) and nothing needs
 * resetting between invocations.
 */
@State(Scope.Thread)
public class UnmaskBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer buffer;
    private ByteBuffer masked;
    private byte[] message;
    private final Utf8Validator validator = new Utf8Validator();

    @Setup
    public void setUp() {
        buffer = ByteBuffer.wrap(Sizes.ascii(size));
        byte[] wire = Sizes.ascii(size);
        Masking.mask(wire, 0, size, Sizes.ASCII_SAFE_KEY, 0);
        masked = ByteBuffer.wrap(wire);
        message = new byte[size];
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

    /** Binary: unmasked while copied into the message, one pass. */
    @Benchmark
    public byte[] unmaskCopy() {
        Masking.copy(masked, Sizes.ASCII_SAFE_KEY, 0, message, 0);
        return message;
    }

    /** Text: unmasked, validated and copied into the message, one pass. */
    @Benchmark
    public byte[] unmaskValidateCopy() {
        validator.unmaskValidateInto(masked, Sizes.ASCII_SAFE_KEY, 0, message, 0);
        validator.finish();
        return message;
    }
}
