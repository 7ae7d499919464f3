package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each deployment rule for codec classes: the message names the class and the rule. */
class CodecValidationTest {
    private static final String T = CodecValidationTest.class.getName() + "$";

    public abstract static class AbstractEncoder implements Encoder.Text<String> {
        public AbstractEncoder() {
        }
    }

    static class PackagePrivateEncoder implements Encoder.Text<String> {
        @Override
        public String encode(String s) {
            return s;
        }
    }

    public class InnerEncoder implements Encoder.Text<String> {
        @Override
        public String encode(String s) {
            return s;
        }
    }

    public static class NoDefaultConstructorDecoder implements Decoder.Text<String> {
        public NoDefaultConstructorDecoder(String config) {
        }

        @Override
        public String decode(String s) {
            return s;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class PrivateConstructorEncoder implements Encoder.Text<String> {
        private PrivateConstructorEncoder() {
        }

        @Override
        public String encode(String s) {
            return s;
        }
    }

    /** Implements only the root interface. */
    public static class BareEncoder implements Encoder {
    }

    @SuppressWarnings("rawtypes")
    public static class RawDecoder implements Decoder.Binary {
        @Override
        public Object decode(java.nio.ByteBuffer b) {
            return b;
        }

        @Override
        public boolean willDecode(java.nio.ByteBuffer b) {
            return true;
        }
    }

    public static class ConstructorThrowsEncoder implements Encoder.Text<String> {
        public ConstructorThrowsEncoder() {
            throw new IllegalStateException("not today");
        }

        @Override
        public String encode(String s) {
            return s;
        }
    }

    private static String rejectEncoder(Class<? extends Encoder> type) {
        return assertThrows(DeploymentException.class, () -> Codecs.validate(List.of(type), List.of())).getMessage();
    }

    private static String rejectDecoder(Class<? extends Decoder> type) {
        return assertThrows(DeploymentException.class, () -> Codecs.validate(List.of(), List.of(type))).getMessage();
    }

    @Test
    void validClassesPass() {
        assertDoesNotThrow(() -> Codecs.validate(
                List.of(Fixtures.PointTextEncoder.class, Fixtures.PointBinaryStreamEncoder.class, Fixtures.HexIntegerEncoder.class),
                List.of(Fixtures.TwoFormDecoder.class, Fixtures.PointTextStreamDecoder.class)));
        assertDoesNotThrow(() -> Codecs.validate(null, null));
    }

    @Test
    void interfaceRejected() {
        assertEquals("Encoder class jakarta.websocket.Encoder$Text is an interface; a concrete class is needed",
                rejectEncoder(Encoder.Text.class));
    }

    @Test
    void abstractRejected() {
        assertEquals("Encoder class " + T + "AbstractEncoder is abstract; a concrete class is needed",
                rejectEncoder(AbstractEncoder.class));
    }

    @Test
    void nonPublicRejected() {
        assertEquals("Encoder class " + T + "PackagePrivateEncoder must be public", rejectEncoder(PackagePrivateEncoder.class));
    }

    @Test
    void innerClassRejected() {
        assertEquals("Encoder class " + T + "InnerEncoder is an inner class; it must be static",
                rejectEncoder(InnerEncoder.class));
    }

    @Test
    void publicNoArgConstructorRequired() {
        assertEquals("Decoder class " + T + "NoDefaultConstructorDecoder needs a public no-argument constructor",
                rejectDecoder(NoDefaultConstructorDecoder.class));
        assertEquals("Encoder class " + T + "PrivateConstructorEncoder needs a public no-argument constructor",
                rejectEncoder(PrivateConstructorEncoder.class));
    }

    @Test
    void someCodecSubinterfaceRequired() {
        assertEquals("Encoder class " + T + "BareEncoder implements none of Encoder.Text, .TextStream, .Binary, .BinaryStream",
                rejectEncoder(BareEncoder.class));
    }

    @Test
    void typeMustBeDeterminable() {
        assertEquals("Decoder class " + T + "RawDecoder: the object type of Decoder.Binary cannot be determined;"
                + " give the type argument in the class declaration", rejectDecoder(RawDecoder.class));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void wrongSideOrNullRejected() {
        List decoders = List.of(Fixtures.PointTextEncoder.class);
        assertEquals("Decoder class " + Fixtures.PointTextEncoder.class.getName() + " does not implement jakarta.websocket.Decoder",
                assertThrows(DeploymentException.class, () -> Codecs.validate(List.of(), decoders)).getMessage());
        assertEquals("Encoder class list contains null",
                assertThrows(DeploymentException.class, () -> Codecs.validate(Arrays.asList((Class<? extends Encoder>) null), List.of())).getMessage());
    }

    @Test
    void firstBrokenClassIsReported() {
        String message = assertThrows(DeploymentException.class, () -> Codecs.validate(
                List.of(Fixtures.PointTextEncoder.class, AbstractEncoder.class, PackagePrivateEncoder.class), List.of())).getMessage();
        assertEquals("Encoder class " + T + "AbstractEncoder is abstract; a concrete class is needed", message);
    }

    @Test
    void constructorFailureAtSessionOpenNamesClassAndKeepsCause() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> Fixtures.open(List.of(ConstructorThrowsEncoder.class), List.of()));
        assertEquals("Constructor of " + T + "ConstructorThrowsEncoder threw java.lang.IllegalStateException: not today",
                e.getMessage());
        assertEquals(IllegalStateException.class, e.getCause().getClass());
    }
}
