package dev.tether.handshake;

import java.util.List;
import java.util.Map;

/**
 * A parsed HTTP/1.1 head: the start line and the header fields up to the blank line,
 * without any body. A request head is an {@link HttpRequestHead}, a response head an
 * {@link HttpResponseHead}; {@link HttpHeadParser} makes both from bytes.
 *
 * <p>Header names are looked up case-insensitively. Implementations are immutable and
 * thread-safe.
 */
public sealed interface HttpHead permits HttpRequestHead, HttpResponseHead {

    /** The HTTP version from the start line, such as {@code HTTP/1.1}. */
    String version();

    /** The header fields, in order of arrival. */
    HttpHeaders headerFields();

    /** The first value of header {@code name}, or {@code null} if absent. */
    default String header(String name) {
        return headerFields().first(name);
    }

    /** All values of header {@code name}, in order; empty if absent. */
    default List<String> headers(String name) {
        return headerFields().all(name);
    }

    /** The distinct header names, spelled as first received, in order of arrival. */
    default List<String> headerNames() {
        return headerFields().names();
    }

    /** All headers by name: unmodifiable, case-insensitive keys. */
    default Map<String, List<String>> headerMap() {
        return headerFields().asMap();
    }
}
