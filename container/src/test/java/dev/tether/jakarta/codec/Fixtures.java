package dev.tether.jakarta.codec;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoders, decoders and message types shared by the codec tests. Codecs that take part in
 * lifecycle tests write "init Name" / "destroy Name" to {@link #EVENTS}.
 */
public final class Fixtures {
    /** Lifecycle events, in order; cleared by each test that reads it. */
    public static final List<String> EVENTS = java.util.Collections.synchronizedList(new ArrayList<>());

    private Fixtures() {
    }

    static EndpointConfig config(List<Class<? extends Encoder>> encoders, List<Class<? extends Decoder>> decoders) {
        return ClientEndpointConfig.Builder.create().encoders(encoders).decoders(decoders).build();
    }

    static Codecs open(List<Class<? extends Encoder>> encoders, List<Class<? extends Decoder>> decoders)
            throws Exception {
        return Codecs.open(config(encoders, decoders));
    }

    // ------------------------------------------------------------------ message types

    /** A message with one text field. */
    public record Point(int x, int y) {
        static Point parse(String s) {
            String[] parts = s.split(",");
            return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        }

        String text() {
            return x + "," + y;
        }
    }

    /** A subtype, to check that an encoder for a supertype matches. */
    public static class Animal {
        final String name;

        public Animal(String name) {
            this.name = name;
        }
    }

    public static final class Dog extends Animal {
        public Dog(String name) {
            super(name);
        }
    }

    // ------------------------------------------------------------------ encoders

    /** Records its lifecycle. */
    public static class PointTextEncoder implements Encoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            EVENTS.add("init PointTextEncoder " + config.getUserProperties().getOrDefault("tag", ""));
        }

        @Override
        public void destroy() {
            EVENTS.add("destroy PointTextEncoder");
        }

        @Override
        public String encode(Point p) {
            return "text:" + p.text();
        }
    }

    public static class PointBinaryEncoder implements Encoder.Binary<Point> {
        @Override
        public ByteBuffer encode(Point p) {
            return ByteBuffer.wrap(("binary:" + p.text()).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static class PointTextStreamEncoder implements Encoder.TextStream<Point> {
        @Override
        public void encode(Point p, Writer writer) throws IOException {
            writer.write("stream:");
            writer.write(p.text());
        }
    }

    public static class PointBinaryStreamEncoder implements Encoder.BinaryStream<Point> {
        @Override
        public void encode(Point p, OutputStream out) throws IOException {
            out.write(("bstream:" + p.text()).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static class AnimalEncoder implements Encoder.Text<Animal> {
        @Override
        public String encode(Animal a) {
            return "animal:" + a.name;
        }
    }

    /** Takes precedence over the built-in encoding of {@code Integer}. */
    public static class HexIntegerEncoder implements Encoder.Text<Integer> {
        @Override
        public String encode(Integer i) {
            return "0x" + Integer.toHexString(i);
        }
    }

    /** Records its lifecycle; throws whatever its message names. */
    public static class ThrowingEncoder implements Encoder.TextStream<String[]> {
        @Override
        public void destroy() {
            EVENTS.add("destroy ThrowingEncoder");
        }

        @Override
        public void encode(String[] what, Writer writer) throws EncodeException, IOException {
            switch (what[0]) {
                case "encode" -> throw new EncodeException(what, "user says no");
                case "io" -> throw new IOException("disk on fire");
                case "runtime" -> throw new IllegalStateException("oops");
                default -> writer.write(what[0]);
            }
        }
    }

    public static class NullEncoder implements Encoder.Text<Animal> {
        @Override
        public String encode(Animal a) {
            return null;
        }
    }

    // ------------------------------------------------------------------ decoders

    /** Records its lifecycle and config; decodes "x,y". */
    public static class PointTextDecoder implements Decoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            EVENTS.add("init PointTextDecoder");
        }

        @Override
        public void destroy() {
            EVENTS.add("destroy PointTextDecoder");
        }

        @Override
        public Point decode(String s) {
            return Point.parse(s);
        }

        @Override
        public boolean willDecode(String s) {
            return s.matches("-?\\d+,-?\\d+");
        }
    }

    /** Decodes "(x y)"; declines anything else. */
    public static class ParenPointDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) {
            String[] parts = s.substring(1, s.length() - 1).split(" ");
            return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("(") && s.endsWith(")");
        }
    }

    public static class PointTextStreamDecoder implements Decoder.TextStream<Point> {
        @Override
        public Point decode(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8];
            for (int n; (n = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, n);
            }
            return Point.parse(text.toString());
        }
    }

    /** Reads two ints; consumes its buffer as the Javadoc says a decoder does. */
    public static class PointBinaryDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(), bytes.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }
    }

    /** A badly behaved decoder: reads the whole buffer in willDecode, then declines. */
    public static class GreedyDecliningDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            throw new AssertionError("never chosen");
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            bytes.position(bytes.limit());
            return false;
        }
    }

    /** Consumes its buffer in decode, then fails: the next decoder must not be affected. */
    public static class ConsumingFailingDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) throws DecodeException {
            bytes.position(bytes.limit());
            throw new DecodeException(bytes, "consumed and failed");
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class PointBinaryStreamDecoder implements Decoder.BinaryStream<Point> {
        @Override
        public Point decode(InputStream in) throws IOException {
            java.io.DataInputStream data = new java.io.DataInputStream(in);
            return new Point(data.readInt(), data.readInt());
        }
    }

    /** Takes precedence over the built-in parsing of {@code Integer}: reads hex. */
    public static class HexIntegerDecoder implements Decoder.Text<Integer> {
        @Override
        public Integer decode(String s) {
            return Integer.parseInt(s.substring(2), 16);
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("0x");
        }
    }

    /** Throws whatever the message names. */
    public static class ThrowingTextDecoder implements Decoder.TextStream<Animal> {
        @Override
        public Animal decode(Reader reader) throws DecodeException, IOException {
            char[] c = new char[16];
            String what = new String(c, 0, Math.max(0, reader.read(c)));
            switch (what) {
                case "decode" -> throw new DecodeException(what, "user says no");
                case "io" -> throw new IOException("pipe broke");
                default -> throw new IllegalArgumentException("bad " + what);
            }
        }
    }

    public static class ThrowingWillDecode implements Decoder.Binary<Animal> {
        @Override
        public Animal decode(ByteBuffer bytes) {
            return null;
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            throw new UnsupportedOperationException("cannot tell");
        }
    }

    /** Produces a subtype: usable where an {@code Animal} is wanted. */
    public static class DogDecoder implements Decoder.Text<Dog> {
        @Override
        public Dog decode(String s) {
            return new Dog(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Both a text and a binary decoder, one instance. */
    public static class TwoFormDecoder implements Decoder.Text<Animal>, Decoder.Binary<Animal> {
        @Override
        public void init(EndpointConfig config) {
            EVENTS.add("init TwoFormDecoder");
        }

        @Override
        public void destroy() {
            EVENTS.add("destroy TwoFormDecoder");
        }

        @Override
        public Animal decode(String s) {
            return new Animal("text " + s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }

        @Override
        public Animal decode(ByteBuffer bytes) {
            return new Animal("binary " + bytes.remaining());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    /** Its init fails. */
    public static class FailingInitDecoder implements Decoder.Text<Animal> {
        @Override
        public void init(EndpointConfig config) {
            throw new IllegalStateException("no database");
        }

        @Override
        public void destroy() {
            EVENTS.add("destroy FailingInitDecoder");
        }

        @Override
        public Animal decode(String s) {
            return null;
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }
}
