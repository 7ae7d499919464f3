package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code websockets/Create-*.any.js} and {@code constructor/*}: the constructor's rules. */
@ExtendWith(Env.Start.class)
class ConstructorTest {
    /** A socket that is closed at once; the constructor's checks are what matter. */
    private static WebSocket construct(String url, String... protocols) {
        WebSocket ws = new WebSocket(url, List.of(protocols), Setup.TETHER_WS.options());
        ws.close();
        return ws;
    }

    private static void assertSyntaxError(String url, String... protocols) {
        DOMException e = assertThrows(DOMException.class,
                () -> new WebSocket(url, List.of(protocols), Setup.TETHER_WS.options()));
        assertEquals("SyntaxError", e.name(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("Create-invalid-urls.any.js, Create-wrong-scheme.any.js, Create-Secure-url-with-space.any.js")
    @ValueSource(strings = {"ws://foo bar.com/", "wss://foo bar.com/", "ftp://127.0.0.1/", "mailto:example@example.org",
            "about:blank", "ws://127.0.0.1/#", "ws://127.0.0.1/#test", "#test", "wss://127.0.0.1:8443/echo#",
            "file:///tmp/x", "javascript:alert(1)", "data:text/plain,x", "ws://", "ws://user@/",
            "ws://[::1/", "ws://127.0.0.1:99999/", "ws://127.0.0.1:12a/", "ws://1.2.3.4.5/", "ws://256.0.0.1/",
            "ws://0x100000000/", "ws://exa<mple.com/", "ws://ex%25ample.com/", "ws://exa%20mple.com/", "wrong://x/"})
    void invalidUrlsAreSyntaxErrors(String url) {
        assertSyntaxError(url);
    }

    @Test
    @DisplayName("Create-non-absolute-url.any.js: a relative URL with no base")
    void relativeUrlWithoutBaseIsSyntaxError() {
        assertSyntaxError("echo");
        assertSyntaxError("/echo");
        assertSyntaxError("//127.0.0.1/echo");
    }

    @Test
    @DisplayName("Create-valid-url-relative.tentative.any.js: a relative URL resolves against the base")
    void relativeUrlResolvesAgainstBase() {
        WebSocketOptions options = Setup.TETHER_WS.options().toBuilder().baseUrl("https://example.com/a/b/page.html?q").build();
        assertEquals("wss://example.com/a/b/echo", url("echo", options));
        assertEquals("wss://example.com/echo", url("/echo", options));
        assertEquals("wss://example.com/a/echo?x=1", url("../echo?x=1", options));
        assertEquals("wss://other.org/", url("//other.org", options));
        assertEquals("wss://example.com/a/b/page.html?x", url("?x", options));
        assertEquals("wss://example.com/a/b/page.html?q", url("", options));
        assertEquals("ws://example.com/other", url("http:/other", options.toBuilder().baseUrl("http://example.com/x").build()));
        DOMException e = assertThrows(DOMException.class, () -> new WebSocket("#frag", List.of(), options));
        assertEquals("SyntaxError", e.name());
    }

    private static String url(String input, WebSocketOptions options) {
        WebSocket ws = new WebSocket(input, List.of(), options);
        ws.close();
        return ws.url();
    }

    @Test
    @DisplayName("Create-http-urls.any.js: http becomes ws and https wss")
    void httpSchemesBecomeWebSocketSchemes() {
        assertEquals("ws://127.0.0.1:9/", construct("http://127.0.0.1:9/").url());
        assertEquals("wss://127.0.0.1:9/", construct("https://127.0.0.1:9/").url());
        assertEquals("ws://127.0.0.1/x", construct("HTTP://127.0.0.1:80/x").url());
        assertEquals("wss://127.0.0.1/x", construct("https://127.0.0.1:443/x").url());
    }

    @Test
    @DisplayName("Create-Secure-verify-url-set-default-port.htm, Create-verify-url-set-non-default-port.any.js")
    void urlIsSerialised() {
        assertEquals("wss://127.0.0.1/echo", construct("wss://127.0.0.1:443/echo").url());
        assertEquals("ws://127.0.0.1/echo", construct("ws://127.0.0.1:80/echo").url());
        assertEquals("ws://127.0.0.1:8080/echo", construct("ws://127.0.0.1:8080/echo").url());
        assertEquals("wss://127.0.0.1:80/echo", construct("wss://127.0.0.1:80/echo").url());
        assertEquals("ws://example.com/", construct("WS://EXAMPLE.com").url());
        assertEquals("ws://127.0.0.1/a%20b?c%20d", construct("ws://127.0.0.1/a b?c d").url());
        assertEquals("ws://127.0.0.1/c", construct("  ws://127.0.0.1/a/../b/./../c \n").url());
        assertEquals("ws://[::1]:8080/", construct("ws://[0:0::1]:8080").url());
        assertEquals("ws://127.0.0.1/", construct("ws://0x7f.1/").url());
        assertEquals("ws://xn--bcher-kva.example/", construct("ws://BÜCHER.example/").url());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("Create-asciiSep-protocol-string.any.js, Create-protocol-with-space.any.js, Create-nonAscii-protocol-string.any.js")
    @ValueSource(strings = {"", "ec ho", "echo\t", "(", ")", "<", ">", "@", ",", ";", ":", "\\", "\"", "/", "[", "]",
            "?", "=", "{", "}", "\u0000", "\u007f", "\u0080echo", "é", "\u00a0"})
    void invalidProtocolsAreSyntaxErrors(String protocol) {
        assertSyntaxError("ws://127.0.0.1/", protocol);
    }

    @Test
    @DisplayName("Create-protocols-repeated.any.js, Create-protocols-repeated-case-insensitive.any.js")
    void repeatedProtocolsAreSyntaxErrors() {
        assertSyntaxError("ws://127.0.0.1/", "echo", "echo");
        assertSyntaxError("ws://127.0.0.1/", "echo", "eCho");
        assertSyntaxError("ws://127.0.0.1/", "a", "b", "A");
    }

    @Test
    @DisplayName("Create-valid-url-protocol-empty.any.js, Create-valid-url-binaryType-blob.any.js: the initial state")
    void initialState() throws Exception {
        Setup.inTask(() -> {
            WebSocket ws = new WebSocket(Setup.TETHER_WS.url("/echo"), List.of("echo", "chat"), Setup.TETHER_WS.options());
            assertEquals(WebSocket.CONNECTING, ws.readyState());
            assertEquals("", ws.protocol());
            assertEquals("", ws.extensions());
            assertEquals("blob", ws.binaryType());
            assertEquals(0, ws.bufferedAmount());
            assertTrue(ws.url().startsWith("ws://127.0.0.1:"));
            ws.close();
        });
    }

    @Test
    @DisplayName("interfaces/WebSocket/constants/*: the readyState constants")
    void constants() {
        assertEquals(0, WebSocket.CONNECTING);
        assertEquals(1, WebSocket.OPEN);
        assertEquals(2, WebSocket.CLOSING);
        assertEquals(3, WebSocket.CLOSED);
    }

    @Test
    @DisplayName("the three short constructor forms check the same rules")
    void shortForms() {
        assertEquals("SyntaxError", assertThrows(DOMException.class, () -> new WebSocket("ftp://x/")).name());
        assertEquals("SyntaxError", assertThrows(DOMException.class, () -> new WebSocket("ws://x/", "a b")).name());
        assertEquals("SyntaxError", assertThrows(DOMException.class,
                () -> new WebSocket("ws://x/#", List.of("a"))).name());
    }
}
