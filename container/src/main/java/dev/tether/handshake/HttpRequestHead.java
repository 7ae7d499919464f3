package dev.tether.handshake;

import java.util.Objects;

/**
 * The head of an HTTP request: {@code method SP request-target SP HTTP-version}, then the
 * header fields.
 *
 * <p>Immutable and thread-safe. The components are not checked here; heads made by
 * {@link HttpHeadParser#forRequests()} are well-formed.
 *
 * @param method       the method, such as {@code GET}; case-sensitive
 * @param target       the request-target exactly as sent, such as {@code /chat/a?x=1}
 *                     (still percent-encoded)
 * @param version      the HTTP version, such as {@code HTTP/1.1}
 * @param headerFields the header fields
 */
public record HttpRequestHead(String method, String target, String version, HttpHeaders headerFields)
        implements HttpHead {

    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headerFields, "headerFields");
    }

    /** The path part of {@link #target()}: everything before the first {@code ?}, still encoded. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The query part of {@link #target()} after the first {@code ?}, still encoded; {@code null} if none. */
    public String query() {
        int query = target.indexOf('?');
        return query < 0 ? null : target.substring(query + 1);
    }
}
