package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

/**
 * The four shapes an encoder or decoder can take: whole text, text stream, whole binary, binary
 * stream. Each names its {@code Encoder} and {@code Decoder} subinterface, whose one type
 * parameter is the object type the codec handles.
 *
 * <p>A codec class may implement several of these; its roles are tried in the order of this
 * enum.
 */
enum CodecForm {
    TEXT(Encoder.Text.class, Decoder.Text.class, true),
    TEXT_STREAM(Encoder.TextStream.class, Decoder.TextStream.class, true),
    BINARY(Encoder.Binary.class, Decoder.Binary.class, false),
    BINARY_STREAM(Encoder.BinaryStream.class, Decoder.BinaryStream.class, false);

    private final Class<?> encoderInterface;
    private final Class<?> decoderInterface;
    private final boolean text;

    CodecForm(Class<?> encoderInterface, Class<?> decoderInterface, boolean text) {
        this.encoderInterface = encoderInterface;
        this.decoderInterface = decoderInterface;
        this.text = text;
    }

    /** The {@code Encoder} or {@code Decoder} subinterface of this form. */
    Class<?> iface(Side side) {
        return side == Side.ENCODER ? encoderInterface : decoderInterface;
    }

    /** Whether the form produces or consumes text messages (else binary). */
    boolean text() {
        return text;
    }

    /** How the spec names the interface, e.g. {@code Decoder.TextStream}, for messages. */
    String label(Side side) {
        return side.label() + "." + iface(side).getSimpleName();
    }

    /** Whether a class is an encoder or a decoder. */
    enum Side {
        ENCODER("Encoder", Encoder.class),
        DECODER("Decoder", Decoder.class);

        private final String label;
        private final Class<?> root;

        Side(String label, Class<?> root) {
            this.label = label;
            this.root = root;
        }

        String label() {
            return label;
        }

        /** {@code Encoder} or {@code Decoder}. */
        Class<?> root() {
            return root;
        }
    }
}
