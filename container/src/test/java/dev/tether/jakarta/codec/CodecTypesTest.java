package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The object type of a codec, through superclasses and superinterfaces. */
class CodecTypesTest {

    abstract static class JsonDecoder<T> implements Decoder.Text<T> {
        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static class MapDecoder extends JsonDecoder<Map<String, Integer>> {
        @Override
        public Map<String, Integer> decode(String s) {
            return Map.of();
        }
    }

    /** The variable is renamed and rebound one level further up. */
    abstract static class Middle<A, B> extends JsonDecoder<B> {
    }

    static class LongDecoder extends Middle<String, Long> {
        @Override
        public Long decode(String s) {
            return 0L;
        }
    }

    interface TextCodec<X> extends Encoder.Text<X> {
    }

    static class ViaInterface implements TextCodec<StringBuilder> {
        @Override
        public String encode(StringBuilder sb) {
            return sb.toString();
        }
    }

    abstract static class ArrayEncoder<E> implements Encoder.Binary<E[]> {
    }

    static class IntegerArrayEncoder extends ArrayEncoder<Integer> {
        @Override
        public ByteBuffer encode(Integer[] a) {
            return ByteBuffer.allocate(0);
        }
    }

    @SuppressWarnings("rawtypes")
    static class RawDecoder implements Decoder.Text {
        @Override
        public Object decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    static class UnboundDecoder<T> extends JsonDecoder<T> {
        @Override
        public T decode(String s) {
            return null;
        }
    }

    static class BoundedDecoder<T extends Number & Serializable> extends JsonDecoder<T> {
        @Override
        public T decode(String s) {
            return null;
        }
    }

    @Test
    void directArgument() {
        assertEquals(Fixtures.Point.class, CodecTypes.typeArgument(Fixtures.PointTextDecoder.class, Decoder.Text.class));
    }

    @Test
    void argumentBoundInGenericSuperclassGivesItsRawClass() {
        assertEquals(Map.class, CodecTypes.typeArgument(MapDecoder.class, Decoder.Text.class));
    }

    @Test
    void argumentPassedThroughTwoSuperclasses() {
        assertEquals(Long.class, CodecTypes.typeArgument(LongDecoder.class, Decoder.Text.class));
    }

    @Test
    void argumentThroughSubinterface() {
        assertEquals(StringBuilder.class, CodecTypes.typeArgument(ViaInterface.class, Encoder.Text.class));
    }

    @Test
    void genericArrayBecomesArrayClass() {
        assertEquals(Integer[].class, CodecTypes.typeArgument(IntegerArrayEncoder.class, Encoder.Binary.class));
    }

    @Test
    void unboundVariableTakesItsBound() {
        assertEquals(Number.class, CodecTypes.typeArgument(BoundedDecoder.class, Decoder.Text.class));
    }

    @Test
    void rawOrUnboundCannotBeDetermined() {
        assertNull(CodecTypes.typeArgument(RawDecoder.class, Decoder.Text.class));
        assertNull(CodecTypes.typeArgument(UnboundDecoder.class, Decoder.Text.class));
    }

    @Test
    void notImplemented() {
        assertNull(CodecTypes.typeArgument(MapDecoder.class, Decoder.Binary.class));
        assertNull(CodecTypes.typeArgument(List.class, Decoder.Text.class));
    }
}
