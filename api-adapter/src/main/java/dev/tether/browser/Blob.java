package dev.tether.browser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Immutable binary data with a MIME type, as in the File API. A binary message arrives as a
 * {@code Blob} while the socket's {@code binaryType} is {@code "blob"}, and a {@code Blob} may be
 * sent.
 *
 * <p>The bytes are copied on construction, so later changes to the caller's array do not show.
 * Slices share the bytes of the blob they come from. Thread-safe.
 */
public final class Blob {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final String type;

    /** A blob of a copy of {@code bytes}, with the empty type. */
    public Blob(byte[] bytes) {
        this(bytes, "");
    }

    /**
     * A blob of a copy of {@code bytes}. The type is lower-cased; one holding a character outside
     * U+0020 to U+007E becomes the empty string, as the File API says.
     */
    public Blob(byte[] bytes, String type) {
        this(bytes.clone(), 0, bytes.length, normaliseType(type));
    }

    private Blob(byte[] bytes, int offset, int length, String type) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.type = type;
    }

    /** A blob that takes ownership of {@code bytes}: the caller never changes them again. */
    static Blob wrap(byte[] bytes) {
        return new Blob(bytes, 0, bytes.length, "");
    }

    private static String normaliseType(String type) {
        if (type == null) {
            return "";
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return "";
            }
        }
        return type.toLowerCase(Locale.ROOT);
    }

    /** The number of bytes. */
    public long size() {
        return length;
    }

    /** The MIME type, lower case, or {@code ""}. */
    public String type() {
        return type;
    }

    /** The bytes as a read-only buffer; the future is already complete. */
    public CompletableFuture<ByteBuffer> arrayBuffer() {
        return CompletableFuture.completedFuture(buffer());
    }

    /** The bytes decoded as UTF-8, malformed sequences replaced by U+FFFD; already complete. */
    public CompletableFuture<String> text() {
        return CompletableFuture.completedFuture(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    /**
     * The bytes from {@code start} up to {@code end}, with the empty type. A negative index
     * counts from the end; indexes are clamped to the blob, and an end before the start gives
     * an empty blob.
     */
    public Blob slice(long start, long end) {
        return slice(start, end, "");
    }

    /** As {@link #slice(long, long)}, with the slice's MIME type. */
    public Blob slice(long start, long end, String contentType) {
        int from = relative(start);
        int to = relative(end);
        int span = Math.max(to - from, 0);
        return new Blob(bytes, offset + from, span, normaliseType(contentType));
    }

    private int relative(long index) {
        long position = index < 0 ? Math.max(length + index, 0) : Math.min(index, length);
        return (int) position;
    }

    /** A read-only view of the bytes, for sending. */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "Blob[size=" + length + ", type=" + type + "]";
    }
}
