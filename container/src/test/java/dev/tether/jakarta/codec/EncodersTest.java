package dev.tether.jakarta.codec;

import jakarta.websocket.EncodeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing an encoder, the built-in encodings, and what failures look like. */
class EncodersTest {
    private static final Fixtures.Point P = new Fixtures.Point(3, 4);

    private static String utf8(Object encoded) {
        ByteBuffer b = (ByteBuffer) encoded;
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void firstMatchingEncoderInDeclarationOrderWins() throws Exception {
        try (Codecs text = Fixtures.open(List.of(Fixtures.PointTextEncoder.class, Fixtures.PointBinaryEncoder.class), List.of());
             Codecs binary = Fixtures.open(List.of(Fixtures.PointBinaryEncoder.class, Fixtures.PointTextEncoder.class), List.of())) {
            assertEquals("text:3,4", text.encoders().encode(P));
            assertEquals("binary:3,4", utf8(binary.encoders().encode(P)));
        }
    }

    @Test
    void streamEncodersWriteWholeMessages() throws Exception {
        try (Codecs text = Fixtures.open(List.of(Fixtures.PointTextStreamEncoder.class), List.of());
             Codecs binary = Fixtures.open(List.of(Fixtures.PointBinaryStreamEncoder.class), List.of())) {
            assertEquals("stream:3,4", text.encoders().encode(P));
            assertEquals("bstream:3,4", utf8(binary.encoders().encode(P)));
        }
    }

    @Test
    void encoderForSupertypeMatchesSubclass() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.AnimalEncoder.class), List.of())) {
            assertEquals("animal:rex", codecs.encoders().encode(new Fixtures.Dog("rex")));
        }
    }

    @Test
    void builtInEncodings() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of())) {
            Encoders encoders = codecs.encoders();
            assertEquals("hi", encoders.encode("hi"));
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2});
            assertSame(buffer, encoders.encode(buffer));
            assertEquals(ByteBuffer.wrap(new byte[] {5, 6}), encoders.encode(new byte[] {5, 6}));
            assertEquals("42", encoders.encode(42));
            assertEquals("-7", encoders.encode((byte) -7));
            assertEquals("1.5", encoders.encode(1.5f));
            assertEquals("true", encoders.encode(Boolean.TRUE));
            assertEquals("x", encoders.encode('x'));
            assertEquals("9000000000", encoders.encode(9_000_000_000L));
        }
    }

    @Test
    void userEncoderForIntegerTakesPrecedenceOverBuiltIn() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.HexIntegerEncoder.class), List.of())) {
            assertEquals("0xff", codecs.encoders().encode(255));
            assertEquals("255", codecs.encoders().encode(255L), "other boxes keep the built-in encoding");
        }
    }

    @Test
    void noEncoderNamesTheClass() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.PointTextEncoder.class), List.of())) {
            BigDecimal notABox = BigDecimal.ONE;
            EncodeException e = assertThrows(EncodeException.class, () -> codecs.encoders().encode(notABox));
            assertEquals("No encoder for java.math.BigDecimal: none of the endpoint's encoders takes it,"
                    + " and it is not a String, ByteBuffer, byte[] or primitive box", e.getMessage());
            assertSame(notABox, e.getObject());
        }
    }

    @Test
    void encoderFailures() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.ThrowingEncoder.class, Fixtures.NullEncoder.class), List.of())) {
            Encoders encoders = codecs.encoders();
            String thrower = Fixtures.ThrowingEncoder.class.getName();

            EncodeException own = assertThrows(EncodeException.class, () -> encoders.encode(new String[] {"encode"}));
            assertEquals("user says no", own.getMessage(), "an EncodeException is passed on as it is");

            EncodeException io = assertThrows(EncodeException.class, () -> encoders.encode(new String[] {"io"}));
            assertEquals("Encoder " + thrower + " failed on java.lang.String[]: java.io.IOException: disk on fire",
                    io.getMessage());
            assertTrue(io.getCause() instanceof IOException);

            EncodeException runtime = assertThrows(EncodeException.class, () -> encoders.encode(new String[] {"runtime"}));
            assertEquals("Encoder " + thrower + " failed on java.lang.String[]: java.lang.IllegalStateException: oops",
                    runtime.getMessage());
            assertTrue(runtime.getCause() instanceof IllegalStateException);

            EncodeException nothing = assertThrows(EncodeException.class, () -> encoders.encode(new Fixtures.Animal("cat")));
            assertEquals("Encoder " + Fixtures.NullEncoder.class.getName() + " returned null for "
                    + Fixtures.Animal.class.getName(), nothing.getMessage());

            assertEquals("ok", encoders.encode(new String[] {"ok"}), "a failure leaves the encoder usable");
        }
    }

    @Test
    void nullMessageIsIllegal() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of())) {
            assertThrows(IllegalArgumentException.class, () -> codecs.encoders().encode(null));
        }
    }

    @Test
    void canEncode() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(Fixtures.AnimalEncoder.class), List.of())) {
            Encoders encoders = codecs.encoders();
            assertTrue(encoders.canEncode(Fixtures.Dog.class));
            assertTrue(encoders.canEncode(int.class));
            assertTrue(encoders.canEncode(String.class));
            assertTrue(encoders.canEncode(byte[].class));
            assertTrue(encoders.canEncode(ByteBuffer.class));
            assertFalse(encoders.canEncode(Fixtures.Point.class));
            assertFalse(encoders.canEncode(Object.class));
        }
    }
}
