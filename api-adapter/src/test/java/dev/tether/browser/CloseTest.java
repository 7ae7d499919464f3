package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of WPT {@code websockets/Close-*}, {@code Secure-Close-*}, {@code close-invalid.any.js} and {@code interfaces/WebSocket/close/*}. */
@ExtendWith(Env.Start.class)
class CloseTest {
    private static final int[] INVALID_CODES = {0, 500, 999, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1011, 1015,
            2999, 5000, 65536 + 1000, -1, Integer.MAX_VALUE};

    private static void assertInvalidCodes(WebSocket ws) {
        for (int code : INVALID_CODES) {
            DOMException e = assertThrows(DOMException.class, () -> ws.close(code), "code " + code);
            assertEquals("InvalidAccessError", e.name(), "code " + code);
            e = assertThrows(DOMException.class, () -> ws.close(code, "x"), "code " + code);
            assertEquals("InvalidAccessError", e.name(), "code " + code);
        }
    }

    @AllSetups
    @DisplayName("close-invalid.any.js, Close-1005.any.js, Secure-Close-2999-reason.any.js: invalid codes in every state")
    void invalidCodesThrowInEveryState(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo", (ws, rec) -> {
            assertInvalidCodes(ws);
            assertEquals(WebSocket.CONNECTING, ws.readyState(), "a failed check changes nothing");
        });
        WebSocket ws = r.ws;
        r.next("open");
        assertInvalidCodes(ws);
        assertEquals(WebSocket.OPEN, ws.readyState());
        ws.close();
        assertInvalidCodes(ws);
        r.awaitClose();
        assertInvalidCodes(ws);
        r.assertQuiet(Duration.ofMillis(100));
    }

    @AllSetups
    @DisplayName("Close-Reason-124Bytes.any.js: a reason over 123 bytes is a SyntaxError, checked after the code")
    void reasonOver123BytesIsSyntaxError(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        String reason124 = "0123456789".repeat(12) + "0123";
        assertEquals("SyntaxError", assertThrows(DOMException.class, () -> ws.close(1000, reason124)).name());
        assertEquals("SyntaxError", assertThrows(DOMException.class, () -> ws.close(1000, "é".repeat(62))).name());
        assertEquals("SyntaxError", assertThrows(DOMException.class, () -> ws.close(1000, "\uD800".repeat(42))).name(),
                "a lone surrogate counts as U+FFFD, three bytes");
        assertEquals("InvalidAccessError", assertThrows(DOMException.class, () -> ws.close(2999, reason124)).name(),
                "the code is checked first");
        assertEquals(WebSocket.OPEN, ws.readyState());
        ws.close(1000, "é".repeat(61) + "a");
        CloseEvent close = r.awaitClose();
        assertEquals(1000, close.code());
        TyrusDifferences.assertOwnReason(setup, "é".repeat(61) + "a", close);
    }

    @AllSetups
    @DisplayName("Close-1000.any.js, Close-1000-reason.any.js, Secure-Close-1000-verify-code.any.js, Close-readyState-Closing, Close-readyState-Closed")
    void close1000WithReason(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        Setup.inTask(() -> {
            ws.close(1000, "Clean Close");
            assertEquals(WebSocket.CLOSING, ws.readyState(), "CLOSING at once");
        });
        Recorder.Seen seen = r.next("close");
        CloseEvent close = (CloseEvent) seen.event();
        assertEquals(WebSocket.CLOSED, seen.readyState(), "CLOSED while close is dispatched");
        assertTrue(close.wasClean());
        assertEquals(1000, close.code());
        TyrusDifferences.assertOwnReason(setup, "Clean Close", close);
        assertEquals(WebSocket.CLOSED, ws.readyState());
    }

    @AllSetups
    @DisplayName("Secure-Close-3000-reason.any.js, Secure-Close-3000-verify-code.any.js, Secure-Close-4999-reason.any.js")
    void applicationCodes(Setup setup) throws Exception {
        for (int code : new int[] {3000, 4999}) {
            Recorder r = setup.connect("/echo");
            WebSocket ws = r.ws;
            r.next("open");
            ws.close(code, "Clean Close with code - " + code);
            CloseEvent close = r.awaitClose();
            assertTrue(close.wasClean());
            assertEquals(code, close.code());
            TyrusDifferences.assertOwnReason(setup, "Clean Close with code - " + code, close);
        }
    }

    @AllSetups
    @DisplayName("Close-undefined.any.js, Secure-Close-1005-verify-code.any.js, closing-handshake/003.html: close() gives 1005")
    void closeWithoutCodeGives1005(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        Setup.inTask(() -> {
            ws.close();
            assertEquals(WebSocket.CLOSING, ws.readyState());
        });
        CloseEvent close = (CloseEvent) r.next("close").event();
        if (setup.tyrus) {
            // Tyrus sends 1000 for close() and reports its own close or the peer's echo, whichever
            // comes first (see the README's Tyrus differences).
            assertTrue(close.code() == 1005 || close.code() == 1000, "code " + close.code());
        } else {
            assertEquals(1005, close.code());
            assertEquals("", close.reason());
        }
        assertTrue(close.wasClean());
        r.assertQuiet(Duration.ofMillis(100));
    }

    @AllSetups
    @DisplayName("Close-reason-unpaired-surrogates.any.js: a lone surrogate in the reason is sent as U+FFFD")
    void unpairedSurrogateInReason(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        ws.close(1000, "\uD807");
        CloseEvent close = r.awaitClose();
        assertTrue(close.wasClean());
        TyrusDifferences.assertOwnReason(setup, "\uFFFD", close);
    }

    @AllSetups
    @DisplayName("Close-server-initiated-close.any.js: the server closes; the event carries its code and reason")
    void serverInitiatedClose(Setup setup) throws Exception {
        Recorder r = setup.connect("/server_close");
        WebSocket ws = r.ws;
        r.next("open");
        ws.send("3001 server says bye");
        Recorder.Seen seen = r.next("close");
        CloseEvent close = (CloseEvent) seen.event();
        assertEquals(WebSocket.CLOSED, seen.readyState());
        assertTrue(close.wasClean());
        assertEquals(3001, close.code());
        assertEquals("server says bye", close.reason());
    }

    @AllSetups
    @DisplayName("close/close-basic.html, close/close-multiple.html: repeated close() calls do nothing more")
    void closeSeveralTimes(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        Setup.inTask(() -> {
            ws.close();
            ws.close();
            ws.close(1000, "again");
            assertEquals(WebSocket.CLOSING, ws.readyState());
        });
        r.next("close");
        r.assertQuiet(Duration.ofMillis(200));
    }

    @AllSetups
    @DisplayName("close/close-nested.html: close() inside the close event does nothing")
    void closeInsideCloseEvent(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        ws.onclose(e -> r.check(() -> {
            assertEquals(WebSocket.CLOSED, ws.readyState());
            ws.close();
            assertEquals(WebSocket.CLOSED, ws.readyState());
        }));
        r.next("open");
        Setup.inTask(() -> {
            ws.close();
            assertEquals(WebSocket.CLOSING, ws.readyState());
        });
        r.next("close");
        r.assertQuiet(Duration.ofMillis(200));
        r.assertNoFailures();
    }

    @AllSetups
    @DisplayName("close/close-connecting.html: close() while connecting fails the connection: error, close 1006, never open")
    void closeWhileConnecting(Setup setup) throws Exception {
        WebSocket[] socket = new WebSocket[1];
        Recorder[] recorder = new Recorder[1];
        Setup.inTask(() -> {
            WebSocket ws = setup.open("/echo");
            socket[0] = ws;
            recorder[0] = new Recorder(ws);
            assertEquals(WebSocket.CONNECTING, ws.readyState());
            ws.close(1000, "bye");
            assertEquals(WebSocket.CLOSING, ws.readyState());
        });
        Recorder r = recorder[0];
        Recorder.Seen error = r.next("error");
        assertEquals(WebSocket.CLOSED, error.readyState());
        CloseEvent close = (CloseEvent) r.next("close").event();
        assertFalse(close.wasClean());
        assertEquals(1006, close.code());
        assertEquals("", close.reason());
        r.assertQuiet(Duration.ofMillis(300));
        assertEquals(List.of("error", "close"), r.types());
        assertEquals(WebSocket.CLOSED, socket[0].readyState());
    }

    @BothContainers
    @DisplayName("close/close-connecting.html (sleep_10_v13): the server never answers the handshake")
    void closeWhileHandshakeHangs(Setup setup) throws Exception {
        try (RawServer server = new RawServer(c -> {
            c.readRequest();
            c.awaitEof();
        })) {
            Recorder r = Setup.connect(server.url("/sleep"), setup.options(), (w, rec) -> { });
            WebSocket ws = r.ws;
            server.firstRequest.get(10, java.util.concurrent.TimeUnit.SECONDS);
            Setup.inTask(() -> {
                assertEquals(WebSocket.CONNECTING, ws.readyState());
                ws.close();
                assertEquals(WebSocket.CLOSING, ws.readyState());
            });
            r.next("error");
            CloseEvent close = (CloseEvent) r.next("close").event();
            assertFalse(close.wasClean());
            assertEquals(1006, close.code());
            assertEquals(WebSocket.CLOSED, ws.readyState());
        }
    }
}
