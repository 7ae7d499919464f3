package dev.tether.handshake;

import java.util.Objects;

/**
 * The head of an HTTP response: {@code HTTP-version SP status-code SP reason-phrase}, then
 * the header fields.
 *
 * <p>Immutable and thread-safe. The components are not checked here; heads made by
 * {@link HttpHeadParser#forResponses()} are well-formed.
 *
 * @param version      the HTTP version, such as {@code HTTP/1.1}
 * @param status       the three-digit status code
 * @param reasonPhrase the reason phrase as sent, possibly empty
 * @param headerFields the header fields
 */
public record HttpResponseHead(String version, int status, String reasonPhrase, HttpHeaders headerFields)
        implements HttpHead {

    public HttpResponseHead {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(headerFields, "headerFields");
    }
}
