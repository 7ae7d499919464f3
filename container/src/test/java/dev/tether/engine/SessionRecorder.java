package dev.tether.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.protocol.CloseException;
import dev.tether.protocol.CloseStatus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SessionHandler} that queues what it is told, for a test thread to take with a
 * timeout. It also checks the handler contract as calls arrive: {@code onOpen} first, never
 * two callbacks at once, {@code onClose} once and last. Breaches fail
 * {@link #assertNoMoreEvents()}, which every test calls at its end (through its teardown).
 *
 * <p>It can echo each message back through a connection, and hold its callbacks at a gate.
 */
final class SessionRecorder implements SessionHandler {
    static final long WAIT_SECONDS = 10;

    record Event(String kind, Object value) { }

    private final String name;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> breaches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean opened;
    private volatile boolean closed;
    private volatile WebSocketConnection echoTo;
    private volatile CountDownLatch gate;
    private volatile WebSocketConnection closeWith;
    private volatile CloseStatus closeStatus;

    SessionRecorder(String name) {
        this.name = name;
    }

    /** From now on each text and binary message is also sent back through {@code connection}. */
    SessionRecorder echoingThrough(WebSocketConnection connection) {
        this.echoTo = connection;
        return this;
    }

    /** From now on {@code onError} and {@code onClose} also close {@code connection} with {@code status}, as endpoints often do. */
    SessionRecorder closingOnErrorAndClose(WebSocketConnection connection, CloseStatus status) {
        this.closeWith = connection;
        this.closeStatus = status;
        return this;
    }

    private volatile CountDownLatch openEntered;
    private volatile CountDownLatch openRelease;

    /** Messages wait in their callback until {@code gate} opens. */
    void holdMessagesAt(CountDownLatch gate) {
        this.gate = gate;
    }

    /** {@code onOpen} counts {@code entered} down, then waits until {@code release} opens (bounded). */
    void holdOpenAt(CountDownLatch entered, CountDownLatch release) {
        this.openEntered = entered;
        this.openRelease = release;
    }

    @Override
    public void onOpen() {
        if (openRelease != null) {
            openEntered.countDown();
            try {
                openRelease.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        enter("onOpen");
        if (opened) {
            breach("onOpen twice");
        }
        opened = true;
        leave("open", null);
    }

    @Override
    public void onText(String text) {
        enter("onText");
        awaitGate();
        WebSocketConnection echo = echoTo;
        if (echo != null) {
            echo.sendText(text, true, this::echoSent);
        }
        leave("text", text);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        enter("onBinary");
        awaitGate();
        WebSocketConnection echo = echoTo;
        if (echo != null) {
            echo.sendBinary(data.duplicate(), true, this::echoSent);
        }
        leave("binary", data);
    }

    @Override
    public void onPong(ByteBuffer data) {
        enter("onPong");
        leave("pong", data);
    }

    @Override
    public void onError(Throwable error) {
        enter("onError");
        closeIfAsked();
        leave("error", error);
    }

    @Override
    public void onClose(CloseStatus status) {
        enter("onClose");
        closed = true;
        closeIfAsked();
        leave("close", status);
    }

    private void closeIfAsked() {
        WebSocketConnection c = closeWith;
        if (c != null) {
            c.close(closeStatus);
        }
    }

    private void enter(String callback) {
        if (inside.incrementAndGet() != 1) {
            breach("two callbacks at once, one of them " + callback);
        }
        if (!opened && !callback.equals("onOpen")) {
            breach(callback + " before onOpen");
        }
        if (closed) {
            breach(callback + " after onClose");
        }
    }

    private void leave(String kind, Object value) {
        events.add(new Event(kind, value));
        inside.decrementAndGet();
    }

    private void awaitGate() {
        CountDownLatch g = gate;
        try {
            if (g != null && !g.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                breach("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void echoSent(Throwable failure) {
        if (failure != null) {
            breach("echo failed: " + failure);
        }
    }

    private void breach(String what) {
        breaches.add(what);
    }

    /** The next event, waiting at most {@link #WAIT_SECONDS}. */
    Event next() {
        try {
            Event e = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (e == null) {
                fail(name + ": no event within " + WAIT_SECONDS + " s");
            }
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Object expect(String kind) {
        Event e = next();
        if (!e.kind().equals(kind)) {
            fail(name + ": expected " + kind + " but got " + describe(e));
        }
        return e.value();
    }

    void expectOpen() {
        expect("open");
    }

    String expectText() {
        return (String) expect("text");
    }

    ByteBuffer expectBinary() {
        return (ByteBuffer) expect("binary");
    }

    ByteBuffer expectPong() {
        return (ByteBuffer) expect("pong");
    }

    Throwable expectError() {
        return (Throwable) expect("error");
    }

    CloseStatus expectClose() {
        return (CloseStatus) expect("close");
    }

    void expectClose(int code, String reason) {
        assertEquals(new CloseStatus(code, reason), expectClose(), name);
    }

    /** The failure that ended the connection, then the close with the same code and reason. */
    void expectFailure(int code, String reason) {
        CloseException e = assertInstanceOf(CloseException.class, expectError(), name);
        assertEquals(code, e.closeCode(), name);
        assertEquals(reason, e.getMessage(), name);
        expectClose(code, reason);
    }

    void assertNoMoreEvents() {
        List<String> left = new ArrayList<>();
        for (Event e : events) {
            left.add(describe(e));
        }
        assertEquals(List.of(), new ArrayList<>(breaches), name + ": handler contract breached");
        assertEquals(List.of(), left, name + ": unexpected events");
    }

    private static String describe(Event e) {
        Object v = e.value();
        if (v instanceof String s && s.length() > 80) {
            v = s.length() + " chars";
        }
        return e.kind() + (v == null ? "" : " " + v);
    }
}
