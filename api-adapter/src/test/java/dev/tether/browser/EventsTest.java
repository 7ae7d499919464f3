package dev.tether.browser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ports of WPT {@code interfaces/WebSocket/events/*}, {@code readyState/*}, {@code protocol/001},
 * {@code extensions/001}, {@code eventhandlers.any.js} and the {@code Create-valid-url*} files
 * that watch a whole session: what fires, in which order, on which thread.
 */
@ExtendWith(Env.Start.class)
class EventsTest {
    @AllSetups
    @DisplayName("Create-valid-url.any.js, readyState/001-003.html: CONNECTING, OPEN in open, CLOSED in close; clean")
    void wholeSession(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo", (ws, rec) -> assertEquals(WebSocket.CONNECTING, ws.readyState()));
        WebSocket ws = r.ws;
        Recorder.Seen open = r.next("open");
        assertEquals(WebSocket.OPEN, open.readyState());
        assertSame(ws, open.event().target());
        assertEquals(Event.class, open.event().getClass(), "open is a plain Event");
        ws.send("hi");
        Recorder.Seen message = r.next("message");
        assertEquals("hi", ((MessageEvent) message.event()).data());
        assertEquals(ws.url().substring(0, ws.url().indexOf('/', 6)), ((MessageEvent) message.event()).origin());
        ws.close();
        Recorder.Seen close = r.next("close");
        assertEquals(WebSocket.CLOSED, close.readyState());
        assertTrue(((CloseEvent) close.event()).wasClean());
        for (Recorder.Seen seen : r.all()) {
            assertNotSame(Thread.currentThread(), seen.thread(), "no event on the caller's thread");
        }
        r.assertQuiet(Duration.ofMillis(100));
    }

    @AllSetups
    @DisplayName("Create-valid-url-array-protocols.any.js, Create-valid-url-protocol-setCorrectly.any.js, protocol/001.html, extensions/001.html")
    void protocolAndExtensionsAreSetBeforeOpen(Setup setup) throws Exception {
        List<String> seenInOpen = Collections.synchronizedList(new ArrayList<>());
        Recorder r = setup.connect("/protocols", (ws, rec) -> {
            ws.onopen(e -> {
                seenInOpen.add(ws.protocol());
                seenInOpen.add(ws.extensions());
            });
            assertEquals("", ws.protocol());
        }, "echo", "chat");
        WebSocket ws = r.ws;
        r.next("open");
        ws.send("protocol?");
        assertEquals("echo", r.message().data());
        assertEquals(List.of("echo", ""), seenInOpen);
        assertEquals("echo", ws.protocol());
        ws.close();
        assertTrue(r.awaitClose().wasClean());

        Recorder r2 = setup.connect("/protocols", "chat", "echo");
        WebSocket second = r2.ws;
        r2.next("open");
        assertEquals("chat", second.protocol(), "the client's order decides on a Jakarta server");
        second.close();
        r2.awaitClose();
    }

    @AllSetups
    @DisplayName("Create-valid-url-protocol-string.any.js: one protocol as a string")
    void singleProtocol(Setup setup) throws Exception {
        Recorder r = Setup.connect(setup.url("/protocols"), setup.options(),
                (ws, rec) -> assertEquals(WebSocket.CONNECTING, ws.readyState()), "echo");
        WebSocket ws = r.ws;
        r.next("open");
        assertEquals("echo", ws.protocol());
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("events/016.html: listeners run in the order added, onX in its place")
    void listenerOrder(Setup setup) throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Recorder r = setup.connect("/echo", (ws, rec) -> {
            ws.addEventListener("open", e -> {
                order.add(1);
                ws.send("Goodbye");
            });
            ws.onopen(e -> order.add(2));
            ws.addEventListener("open", e -> order.add(3));
            ws.addEventListener("message", e -> order.add(4));
            ws.onmessage(e -> order.add(5));
            ws.addEventListener("message", e -> {
                order.add(6);
                ws.close();
            });
            ws.addEventListener("close", e -> order.add(7));
            ws.onclose(e -> order.add(8));
        });
        r.awaitClose();
        Setup.inTask(() -> { }); // the close task, whose later listeners are still running, ends first
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), order);
    }

    @Test
    @DisplayName("onX handlers keep their place among listeners when replaced, as in the DOM")
    void handlerKeepsItsPlace() {
        WebSocket ws = new WebSocket(Setup.TETHER_WS.url("/echo"), List.of(), Setup.TETHER_WS.options());
        ws.close();
        List<String> order = new ArrayList<>();
        ws.addEventListener("x", e -> order.add("L1"));
        ws.onopen(e -> order.add("H1"));
        ws.addEventListener("open", e -> order.add("L2"));
        ws.onopen(e -> order.add("H2"));
        ws.dispatchEvent(new Event("open"));
        assertEquals(List.of("H2", "L2"), order);
        order.clear();
        ws.onopen(null);
        assertNull(ws.onopen());
        ws.onopen(e -> order.add("H3"));
        ws.dispatchEvent(new Event("open"));
        assertEquals(List.of("L2", "H3"), order, "set again after null: at the end");
    }

    @Test
    @DisplayName("eventhandlers.any.js: the handlers start as null and can be cleared")
    void handlersStartNull() {
        WebSocket ws = new WebSocket(Setup.TETHER_WS.url("/echo"), List.of(), Setup.TETHER_WS.options());
        ws.close();
        assertNull(ws.onopen());
        assertNull(ws.onmessage());
        assertNull(ws.onerror());
        assertNull(ws.onclose());
        EventListener listener = e -> { };
        ws.onmessage(listener);
        assertSame(listener, ws.onmessage());
        ws.onmessage(null);
        assertNull(ws.onmessage());
    }

    @Test
    @DisplayName("addEventListener once per listener; removeEventListener; dispatchEvent sets the target")
    void addRemoveDispatch() {
        WebSocket ws = new WebSocket(Setup.TETHER_WS.url("/echo"), List.of(), Setup.TETHER_WS.options());
        ws.close();
        List<Object> seen = new ArrayList<>();
        EventListener l = e -> seen.add(e.target());
        ws.addEventListener("ping", l);
        ws.addEventListener("ping", l);
        Event event = new Event("ping");
        assertNull(event.target());
        assertTrue(ws.dispatchEvent(event));
        assertEquals(List.of(ws), seen);
        ws.removeEventListener("ping", l);
        ws.dispatchEvent(new Event("ping"));
        assertEquals(1, seen.size());
    }

    @Test
    @DisplayName("a listener removed during a dispatch is not called; one added waits for the next event")
    void changesDuringDispatch() {
        WebSocket ws = new WebSocket(Setup.TETHER_WS.url("/echo"), List.of(), Setup.TETHER_WS.options());
        ws.close();
        List<String> order = new ArrayList<>();
        EventListener second = e -> order.add("second");
        EventListener late = e -> order.add("late");
        ws.addEventListener("x", e -> {
            order.add("first");
            ws.removeEventListener("x", second);
            ws.addEventListener("x", late);
        });
        ws.addEventListener("x", second);
        ws.dispatchEvent(new Event("x"));
        assertEquals(List.of("first"), order);
    }

    @AllSetups
    @DisplayName("a listener that throws does not stop the others; the exception goes to the thread's handler")
    void throwingListener(Setup setup) throws Exception {
        List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "test-events");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> reported.add(e));
            return t;
        });
        try {
            // Made and given its listeners in one task of that executor, so open cannot come first.
            Recorder r = executor.submit(() -> {
                WebSocket socket = new WebSocket(setup.url("/echo"), List.of(),
                        setup.options().toBuilder().executor(executor).build());
                socket.addEventListener("open", e -> {
                    throw new IllegalStateException("listener failure");
                });
                return new Recorder(socket);
            }).get(15, TimeUnit.SECONDS);
            WebSocket ws = r.ws;
            Recorder.Seen open = r.next("open");
            assertEquals("test-events", open.thread().getName(), "events run on the given executor");
            assertEquals(1, reported.size());
            assertEquals("listener failure", reported.get(0).getMessage());
            ws.close();
            r.awaitClose();
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @AllSetups
    @DisplayName("events/018.html: the event classes; target is the socket")
    void eventTypes(Setup setup) throws Exception {
        Recorder r = setup.connect("/echo");
        WebSocket ws = r.ws;
        r.next("open");
        ws.send("x");
        MessageEvent message = r.message();
        assertSame(ws, message.target());
        assertEquals("message", message.type());
        ws.close(3000, "r");
        CloseEvent close = r.awaitClose();
        assertSame(ws, close.target());
        assertEquals("close", close.type());
    }

    @AllSetups
    @DisplayName("a message right behind the server's 101 comes after open")
    void earlyMessageAfterOpen(Setup setup) throws Exception {
        Recorder r = setup.connect("/greeting");
        WebSocket ws = r.ws;
        r.next("open");
        assertEquals("hello", r.message().data());
        ws.close();
        r.awaitClose();
    }

    @AllSetups
    @DisplayName("messages that arrive after close() are dropped")
    void messagesAfterCloseAreDropped(Setup setup) throws Exception {
        Recorder r = setup.connect("/burst");
        WebSocket ws = r.ws;
        ws.addEventListener("message", e -> ws.close());
        r.next("open");
        ws.send("burst 200");
        r.next("message");
        r.awaitClose();
        assertEquals(List.of("open", "message", "close"), r.types());
    }
}
