package dev.tether.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;

/** The ceiling: a plain copy of the same number of bytes, heap buffer to heap buffer. */
@State(Scope.Thread)
public class CopyBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer source;
    private ByteBuffer target;

    @Setup
    public void setUp() {
        source = ByteBuffer.wrap(Sizes.ascii(size));
        target = ByteBuffer.allocate(size);
    }

    @Benchmark
    public ByteBuffer copy() {
        return target.put(0, source, 0, size);
    }
}
