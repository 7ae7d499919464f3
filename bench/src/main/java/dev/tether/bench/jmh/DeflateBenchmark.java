package dev.tether.bench.jmh;

import dev.tether.extension.DeflateCodec;
import dev.tether.extension.DeflateParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * permessage-deflate through {@link DeflateCodec}: compressing a message of words, and inflating
 * one (with no context takeover on either side, so every invocation is independent). Rates are
 * of the uncompressed bytes.
 */
@State(Scope.Thread)
public class DeflateBenchmark {
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer message;
    private ByteBuffer compressed;
    private DeflateCodec codec;

    @Setup
    public void setUp() {
        DeflateParameters agreed = new DeflateParameters(true, true, 15, 15);
        codec = new DeflateCodec(agreed, false, Deflater.DEFAULT_COMPRESSION, 0);
        message = ByteBuffer.wrap(Sizes.ascii(size));
        compressed = codec.compress(message);
    }

    @TearDown
    public void tearDown() {
        codec.close();
    }

    @Benchmark
    public ByteBuffer compress() {
        return codec.compress(message);
    }

    @Benchmark
    public void inflate(Blackhole sink) {
        codec.inflate(compressed.duplicate(), sink::consume);
        codec.finishMessage(sink::consume);
    }
}
