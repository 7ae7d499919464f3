package dev.tether.browser;

import java.util.Objects;

/**
 * The exception the browser API throws, identified by its {@link #name()} as in WebIDL:
 * {@value #SYNTAX_ERROR} (a bad URL, protocol or close reason), {@value #INVALID_STATE_ERROR}
 * ({@code send} while connecting) and {@value #INVALID_ACCESS_ERROR} (a close code that may not
 * be used).
 */
public class DOMException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String SYNTAX_ERROR = "SyntaxError";
    public static final String INVALID_STATE_ERROR = "InvalidStateError";
    public static final String INVALID_ACCESS_ERROR = "InvalidAccessError";

    private final String name;

    /**
     * @param message what went wrong, for people
     * @param name    the WebIDL error name, for programs
     */
    public DOMException(String message, String name) {
        super(message);
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The error's WebIDL name, such as {@code "SyntaxError"}. */
    public String name() {
        return name;
    }

    static DOMException syntax(String message) {
        return new DOMException(message, SYNTAX_ERROR);
    }

    static DOMException invalidState(String message) {
        return new DOMException(message, INVALID_STATE_ERROR);
    }

    static DOMException invalidAccess(String message) {
        return new DOMException(message, INVALID_ACCESS_ERROR);
    }

    @Override
    public String toString() {
        return "DOMException[" + name + "]: " + getMessage();
    }
}
