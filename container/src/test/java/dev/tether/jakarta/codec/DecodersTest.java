package dev.tether.jakarta.codec;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing a decoder, willDecode chaining, built-in primitives, and what failures look like. */
class DecodersTest {
    private static final Fixtures.Point P = new Fixtures.Point(3, 4);

    private static ByteBuffer twoInts(int a, int b) {
        return ByteBuffer.allocate(8).putInt(a).putInt(b).flip();
    }

    @Test
    void willDecodeFalseMovesOnToTheNextDecoder() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.PointTextDecoder.class, Fixtures.ParenPointDecoder.class))) {
            Decoders decoders = codecs.decoders();
            assertEquals(P, decoders.decodeText(Fixtures.Point.class, "3,4"), "first decoder takes it");
            assertEquals(P, decoders.decodeText(Fixtures.Point.class, "(3 4)"), "first declines, second takes it");
        }
    }

    @Test
    void declarationOrderDecidesWhenBothWouldDecode() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.TwoFormDecoder.class, Fixtures.DogDecoder.class))) {
            Object decoded = codecs.decoders().decodeText(Fixtures.Animal.class, "rex");
            assertEquals(Fixtures.Animal.class, decoded.getClass());
        }
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.DogDecoder.class, Fixtures.TwoFormDecoder.class))) {
            Object decoded = codecs.decoders().decodeText(Fixtures.Animal.class, "rex");
            assertEquals(Fixtures.Dog.class, decoded.getClass(), "a decoder of a subtype serves the supertype");
        }
    }

    @Test
    void streamDecodersAreUsedWhenReached() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.ParenPointDecoder.class, Fixtures.PointTextStreamDecoder.class,
                        Fixtures.PointBinaryStreamDecoder.class))) {
            Decoders decoders = codecs.decoders();
            assertEquals(new Fixtures.Point(10, -2), decoders.decodeText(Fixtures.Point.class, "10,-2"));
            assertEquals(new Fixtures.Point(7, 8), decoders.decodeBinary(Fixtures.Point.class, twoInts(7, 8)));
        }
    }

    @Test
    void consumingBinaryDecoderDoesNotBreakTheNext() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.GreedyDecliningDecoder.class, Fixtures.PointBinaryDecoder.class))) {
            ByteBuffer message = twoInts(5, 6);
            assertEquals(new Fixtures.Point(5, 6), codecs.decoders().decodeBinary(Fixtures.Point.class, message));
            assertEquals(0, message.position(), "the caller's buffer is not moved");
            assertEquals(8, message.limit());
        }
    }

    @Test
    void decodingConsumesOnlyADuplicate() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.PointBinaryDecoder.class))) {
            ByteBuffer message = twoInts(1, 2);
            codecs.decoders().decodeBinary(Fixtures.Point.class, message);
            assertEquals(new Fixtures.Point(1, 2), codecs.decoders().decodeBinary(Fixtures.Point.class, message),
                    "the same buffer decodes again");
            assertEquals(0, message.position());
        }
    }

    @Test
    void decoderFailureAfterConsumingIsReportedNotRetried() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(),
                List.of(Fixtures.ConsumingFailingDecoder.class, Fixtures.PointBinaryDecoder.class))) {
            DecodeException e = assertThrows(DecodeException.class,
                    () -> codecs.decoders().decodeBinary(Fixtures.Point.class, twoInts(1, 2)));
            assertEquals("consumed and failed", e.getMessage(), "the chosen decoder's exception, as it is");
        }
    }

    @Test
    void oneInstanceServesTextAndBinary() throws Exception {
        Fixtures.EVENTS.clear();
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.TwoFormDecoder.class))) {
            Decoders decoders = codecs.decoders();
            assertEquals("text hi", ((Fixtures.Animal) decoders.decodeText(Fixtures.Animal.class, "hi")).name);
            assertEquals("binary 3", ((Fixtures.Animal) decoders.decodeBinary(Fixtures.Animal.class,
                    ByteBuffer.wrap(new byte[3]))).name);
        }
        assertEquals(List.of("init TwoFormDecoder", "destroy TwoFormDecoder"), Fixtures.EVENTS);
    }

    @Test
    void builtInPrimitivesAndBoxes() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of())) {
            Decoders decoders = codecs.decoders();
            assertEquals(42, decoders.decodeText(int.class, "42"));
            assertEquals(42, decoders.decodeText(Integer.class, "42"));
            assertEquals(-3L, decoders.decodeText(long.class, "-3"));
            assertEquals((short) 7, decoders.decodeText(Short.class, "7"));
            assertEquals((byte) 1, decoders.decodeText(byte.class, "1"));
            assertEquals(2.5d, decoders.decodeText(double.class, "2.5"));
            assertEquals(0.5f, decoders.decodeText(Float.class, "0.5"));
            assertEquals(true, decoders.decodeText(boolean.class, "true"));
            assertEquals('z', decoders.decodeText(char.class, "z"));
            assertEquals('z', decoders.decodeText(Character.class, "z"));
            assertTrue(decoders.canDecodeText(int.class));
            assertFalse(decoders.canDecodeBinary(int.class));
            assertFalse(decoders.canDecodeText(String.class), "native types are the session's");
        }
    }

    @Test
    void builtInFailuresAreDecodeExceptions() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of())) {
            Decoders decoders = codecs.decoders();
            DecodeException notInt = assertThrows(DecodeException.class, () -> decoders.decodeText(int.class, "4x"));
            assertEquals("Cannot decode text message \"4x\" to int: For input string: \"4x\"", notInt.getMessage());
            assertEquals("4x", notInt.getText());
            assertTrue(notInt.getCause() instanceof NumberFormatException);

            DecodeException notChar = assertThrows(DecodeException.class, () -> decoders.decodeText(Character.class, ""));
            assertEquals("Cannot decode text message \"\" to java.lang.Character:"
                    + " a char needs a character, got an empty text", notChar.getMessage());
            assertEquals('a', decoders.decodeText(Character.class, "ab"));
        }
    }

    @Test
    void userDecoderForIntegerComesFirstThenBuiltIn() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.HexIntegerDecoder.class))) {
            Decoders decoders = codecs.decoders();
            assertEquals(255, decoders.decodeText(int.class, "0xff"));
            assertEquals(255, decoders.decodeText(Integer.class, "0xff"));
            assertEquals(10, decoders.decodeText(Integer.class, "10"), "declined by the user decoder: built in");
        }
    }

    @Test
    void noDecoderMessagesNameTypeAndMessage() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.PointTextDecoder.class, Fixtures.PointBinaryDecoder.class))) {
            Decoders decoders = codecs.decoders();
            String point = Fixtures.Point.class.getName();
            String animal = Fixtures.Animal.class.getName();
            String longText = "a".repeat(100);

            DecodeException declined = assertThrows(DecodeException.class,
                    () -> decoders.decodeText(Fixtures.Point.class, longText));
            assertEquals("No decoder for " + point + " will decode text message \"" + "a".repeat(40)
                    + "...\" (100 chars)", declined.getMessage());
            assertEquals(longText, declined.getText());

            DecodeException none = assertThrows(DecodeException.class, () -> decoders.decodeText(Fixtures.Animal.class, "x"));
            assertEquals("No text decoder for " + animal + " to decode text message \"x\"", none.getMessage());

            DecodeException binaryDeclined = assertThrows(DecodeException.class,
                    () -> decoders.decodeBinary(Fixtures.Point.class, ByteBuffer.wrap(new byte[3])));
            assertEquals("No decoder for " + point + " will decode binary message of 3 bytes", binaryDeclined.getMessage());
            assertEquals(3, binaryDeclined.getBytes().remaining());

            DecodeException binaryNone = assertThrows(DecodeException.class,
                    () -> decoders.decodeBinary(Fixtures.Animal.class, ByteBuffer.wrap(new byte[3])));
            assertEquals("No binary decoder for " + animal + " to decode binary message of 3 bytes", binaryNone.getMessage());
        }
    }

    @Test
    void decoderExceptionsBecomeDecodeExceptions() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.ThrowingTextDecoder.class, Fixtures.ThrowingWillDecode.class))) {
            Decoders decoders = codecs.decoders();
            String decoder = Fixtures.ThrowingTextDecoder.class.getName();

            DecodeException own = assertThrows(DecodeException.class, () -> decoders.decodeText(Fixtures.Animal.class, "decode"));
            assertEquals("user says no", own.getMessage());

            DecodeException io = assertThrows(DecodeException.class, () -> decoders.decodeText(Fixtures.Animal.class, "io"));
            assertEquals("Decoder " + decoder + " failed on text message \"io\": java.io.IOException: pipe broke", io.getMessage());
            assertTrue(io.getCause() instanceof IOException);
            assertEquals("io", io.getText());

            DecodeException runtime = assertThrows(DecodeException.class, () -> decoders.decodeText(Fixtures.Animal.class, "zz"));
            assertEquals("Decoder " + decoder + " failed on text message \"zz\": java.lang.IllegalArgumentException: bad zz",
                    runtime.getMessage());

            DecodeException will = assertThrows(DecodeException.class,
                    () -> decoders.decodeBinary(Fixtures.Animal.class, ByteBuffer.wrap(new byte[2])));
            assertEquals("Decoder " + Fixtures.ThrowingWillDecode.class.getName() + " failed on binary message of 2 bytes:"
                    + " java.lang.UnsupportedOperationException: cannot tell", will.getMessage());
            assertTrue(will.getCause() instanceof UnsupportedOperationException);
        }
    }

    @Test
    void canDecodeLooksAtTypesOnly() throws Exception {
        try (Codecs codecs = Fixtures.open(List.of(), List.of(Fixtures.DogDecoder.class, Fixtures.PointBinaryStreamDecoder.class))) {
            Decoders decoders = codecs.decoders();
            assertTrue(decoders.canDecodeText(Fixtures.Dog.class));
            assertTrue(decoders.canDecodeText(Fixtures.Animal.class), "a Dog decoder serves an Animal handler");
            assertTrue(decoders.canDecodeText(Object.class));
            assertFalse(decoders.canDecodeBinary(Fixtures.Dog.class));
            assertTrue(decoders.canDecodeBinary(Fixtures.Point.class));
            assertFalse(decoders.canDecodeText(Fixtures.Point.class));
        }
    }
}
