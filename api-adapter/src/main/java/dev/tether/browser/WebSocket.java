package dev.tether.browser;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The browser's {@code WebSocket}, as the WHATWG WebSockets Standard specifies it, on any
 * Jakarta WebSocket client container. MDN's {@code WebSocket} page is its user guide.
 *
 * <pre>{@code
 * WebSocket ws = new WebSocket("wss://example.com/chat", "chat.v1");
 * ws.onopen(e -> ws.send("hello"));
 * ws.onmessage(e -> System.out.println(((MessageEvent) e).data()));
 * ws.onclose(e -> System.out.println("closed: " + ((CloseEvent) e).code()));
 * }</pre>
 *
 * <h2>Threads</h2>
 * Every method may be called from any thread and returns at once: the connection is made on a
 * background thread, and {@code close()} does not wait for the closing handshake. Events are
 * tasks on the socket's own serial executor (see {@link WebSocketOptions#executor()}): never
 * two at once, in the order they arose, and none inside the constructor, {@code send} or
 * {@code close}. Code running in an event listener sees the socket as a script in a browser
 * does: {@code readyState} changes only in the tasks that fire {@code open} and {@code close},
 * and {@code bufferedAmount} falls only in tasks of its own, between events.
 *
 * <h2>What the container decides</h2>
 * The opening handshake's checks (status 101, {@code Sec-WebSocket-Accept}, subprotocols and
 * extensions offered) are the container's; this class adds the one the Fetch standard has and
 * RFC 6455 lacks (a server that picks no subprotocol when some were requested fails), and
 * refuses any extension, since it offers none. {@code close()} with no code asks the container
 * for a close frame without a status ({@code CloseCodes.NO_STATUS_CODE}); Tether sends an empty
 * close frame for it.
 */
public class WebSocket {
    /** Tether's user property with the peer's close frame (see Tether's TetherSession); other containers lack it. */
    private static final String PEER_CLOSE_REASON = "dev.tether.peerCloseReason";

    public static final int CONNECTING = 0;
    public static final int OPEN = 1;
    public static final int CLOSING = 2;
    public static final int CLOSED = 3;

    private static final String BLOB = "blob";
    private static final String ARRAYBUFFER = "arraybuffer";
    /** RFC 6455 §5.5: a close frame's payload is at most 125 bytes, two of them the code. */
    private static final int MAX_REASON_BYTES = 123;
    /** 1006 is reported locally when the connection ends without a closing handshake. */
    private static final int ABNORMAL_CLOSURE = 1006;

    private final WhatwgUrl url;
    private final String serialisedUrl;
    private final List<String> protocols;
    private final WebSocketOptions options;
    private final SerialExecutor events;
    private final Listeners listeners = new Listeners();
    private final AtomicLong bufferedAmount = new AtomicLong();

    /** Guards the state transitions and {@link #session}. */
    private final Object lock = new Object();
    private volatile int readyState = CONNECTING;
    private volatile String protocol = "";
    private volatile String extensions = "";
    private volatile String binaryType = BLOB;
    private Session session;
    /** This side failed the connection: error and close are queued; the container's news is ignored. */
    private boolean failed;
    /** The container reported an error, or a send could not be buffered: {@code error} precedes {@code close}. */
    private volatile boolean errorSeen;
    /** A send could not be buffered and this side closed the connection: the close is reported as 1006. */
    private volatile boolean full;
    /** Only read and written in event tasks. */
    private boolean closeFired;

    /** Connects to {@code url}, offering no subprotocol. */
    public WebSocket(String url) {
        this(url, List.of(), WebSocketOptions.defaults());
    }

    /** Connects to {@code url}, offering {@code protocols}, most preferred first. */
    public WebSocket(String url, String... protocols) {
        this(url, List.of(protocols), WebSocketOptions.defaults());
    }

    /** Connects to {@code url}, offering {@code protocols}, most preferred first. */
    public WebSocket(String url, List<String> protocols) {
        this(url, protocols, WebSocketOptions.defaults());
    }

    /**
     * Connects to {@code url}, offering {@code protocols}, with the given environment.
     *
     * @throws DOMException {@code SyntaxError} if the URL cannot be parsed, has a scheme other
     *                      than {@code ws}, {@code wss}, {@code http} or {@code https}, has a
     *                      fragment, or is relative with no usable base URL; or if a protocol
     *                      is not a token or is given twice (ignoring case)
     */
    public WebSocket(String url, List<String> protocols, WebSocketOptions options) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(protocols, "protocols");
        this.options = Objects.requireNonNull(options, "options");
        this.url = parseUrl(url, options.baseUrl());
        this.serialisedUrl = this.url.serialise();
        this.protocols = Protocols.check(protocols);
        this.events = new SerialExecutor(options.executorOrDefault());
        WebSocketOptions.blockingExecutor().execute(this::connect);
    }

    private static WhatwgUrl parseUrl(String input, String base) {
        WhatwgUrl parsed;
        try {
            parsed = WhatwgUrl.parse(input, base);
        } catch (IllegalArgumentException e) {
            throw DOMException.syntax("invalid WebSocket URL: " + e.getMessage());
        }
        if (parsed.fragment() != null) {
            throw DOMException.syntax("a WebSocket URL may not have a fragment: " + input);
        }
        return switch (parsed.scheme()) {
            case "http" -> parsed.withScheme("ws");
            case "https" -> parsed.withScheme("wss");
            default -> parsed;
        };
    }

    // ---- attributes ----

    /** The URL, serialised after parsing: {@code http} became {@code ws}, and so on. */
    public String url() {
        return serialisedUrl;
    }

    /** {@link #CONNECTING}, {@link #OPEN}, {@link #CLOSING} or {@link #CLOSED}. */
    public int readyState() {
        return readyState;
    }

    /** UTF-8 and binary bytes given to {@code send} and not yet handed to the network. */
    public long bufferedAmount() {
        return bufferedAmount.get();
    }

    /** The extensions the server chose, as its header had them; {@code ""} until {@code open}. */
    public String extensions() {
        return extensions;
    }

    /** The subprotocol the server chose, {@code ""} if none or until {@code open}. */
    public String protocol() {
        return protocol;
    }

    /** {@code "blob"} (the default) or {@code "arraybuffer"}. */
    public String binaryType() {
        return binaryType;
    }

    /** Sets how binary messages are given to listeners from now on; any other value is ignored. */
    public void binaryType(String type) {
        if (BLOB.equals(type) || ARRAYBUFFER.equals(type)) {
            binaryType = type;
        }
    }

    // ---- sending ----

    /**
     * Sends a text message; lone surrogates are sent as U+FFFD.
     *
     * @throws DOMException {@code InvalidStateError} while connecting
     */
    public void send(String data) {
        Objects.requireNonNull(data, "data");
        String text = Utf16.toScalarValues(data);
        long size = Utf16.utf8Length(text);
        Session open = admit(size);
        if (open != null) {
            try {
                open.getAsyncRemote().sendText(text, result -> sent(size, result));
            } catch (RuntimeException e) {
                sendFailed();
            }
        }
    }

    /** Sends the buffer's remaining bytes as a binary message; its position does not move. */
    public void send(ByteBuffer data) {
        ByteBuffer source = data.duplicate();
        byte[] copy = new byte[source.remaining()];
        source.get(copy);
        sendBinary(copy);
    }

    /** Sends the bytes as a binary message. */
    public void send(byte[] data) {
        sendBinary(data.clone());
    }

    /** Sends the blob's bytes as a binary message. */
    public void send(Blob data) {
        ByteBuffer source = data.buffer();
        byte[] copy = new byte[source.remaining()];
        source.get(copy);
        sendBinary(copy);
    }

    private void sendBinary(byte[] data) {
        Session open = admit(data.length);
        if (open != null) {
            try {
                open.getAsyncRemote().sendBinary(ByteBuffer.wrap(data), result -> sent(data.length, result));
            } catch (RuntimeException e) {
                sendFailed();
            }
        }
    }

    /**
     * Counts {@code size} bytes as buffered; returns the session to send on when open, or null
     * when closing or closed (nothing is sent, the bytes still count).
     */
    private Session admit(long size) {
        Session open;
        synchronized (lock) {
            if (readyState == CONNECTING) {
                throw DOMException.invalidState("send() while the WebSocket is connecting");
            }
            open = readyState == OPEN ? session : null;
            bufferedAmount.addAndGet(size);
        }
        return open;
    }

    private void sent(long size, SendResult result) {
        if (result.isOK()) {
            events.execute(() -> bufferedAmount.addAndGet(-size));
        } else {
            sendFailed();
        }
    }

    /** Data that cannot be sent flags the socket as full and closes the connection (error, then close 1006). */
    private void sendFailed() {
        Session toClose;
        synchronized (lock) {
            if (readyState != OPEN || full) {
                return;
            }
            errorSeen = true;
            full = true;
            readyState = CLOSING;
            toClose = session;
        }
        closeInBackground(toClose, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
    }

    // ---- closing ----

    /** Starts the closing handshake with a close frame without a status code. */
    public void close() {
        close(null, null);
    }

    /**
     * Starts the closing handshake with {@code code}.
     *
     * @throws DOMException {@code InvalidAccessError} unless the code is 1000 or 3000 to 4999
     */
    public void close(int code) {
        close(code, "");
    }

    /**
     * Starts the closing handshake with {@code code} and {@code reason}. While connecting, fails
     * the connection instead: {@code error}, then {@code close} with 1006. Does nothing once
     * closing or closed. Arguments are checked first, in every state.
     *
     * @throws DOMException {@code InvalidAccessError} unless the code is 1000 or 3000 to 4999;
     *                      {@code SyntaxError} if the reason is over 123 bytes in UTF-8
     */
    public void close(int code, String reason) {
        close(Integer.valueOf(code), Objects.requireNonNull(reason, "reason"));
    }

    private void close(Integer code, String reason) {
        if (code != null && code != 1000 && (code < 3000 || code > 4999)) {
            throw DOMException.invalidAccess("close code must be 1000 or from 3000 to 4999: " + code);
        }
        String phrase = reason == null ? "" : Utf16.toScalarValues(reason);
        if (Utf16.utf8Length(phrase) > MAX_REASON_BYTES) {
            throw DOMException.syntax("close reason over " + MAX_REASON_BYTES + " bytes in UTF-8");
        }
        Session open;
        synchronized (lock) {
            if (readyState == CLOSING || readyState == CLOSED) {
                return;
            }
            if (readyState == CONNECTING) {
                fail(CloseReason.CloseCodes.GOING_AWAY, "closed while connecting");
                return;
            }
            readyState = CLOSING;
            open = session;
        }
        CloseReason closeReason = code == null
                ? new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, "")
                : new CloseReason(CloseReason.CloseCodes.getCloseCode(code), phrase);
        closeInBackground(open, closeReason);
    }

    /**
     * Fails the WebSocket connection: {@code readyState} becomes {@code CLOSING}, a task fires
     * {@code error} and {@code close} (1006), and the session, if there is one, is closed with
     * {@code code}; what the container says after that is ignored. Call with {@link #lock} held.
     */
    private void fail(CloseReason.CloseCode code, String why) {
        if (failed || readyState == CLOSED) {
            return;
        }
        failed = true;
        readyState = CLOSING;
        events.execute(() -> fireClose(true, ABNORMAL_CLOSURE, ""));
        if (session != null) {
            closeInBackground(session, new CloseReason(code, why));
        }
    }

    private void closeInBackground(Session target, CloseReason reason) {
        WebSocketOptions.blockingExecutor().execute(() -> {
            try {
                target.close(reason);
            } catch (IOException | RuntimeException e) {
                // The container could not close it: the connection is over as far as we know.
                errorSeen = true;
                events.execute(() -> fireClose(true, ABNORMAL_CLOSURE, ""));
            }
        });
    }

    /** The task that ends the socket: CLOSED, maybe {@code error}, then {@code close}; once only. */
    private void fireClose(boolean error, int code, String reason) {
        if (closeFired) {
            return;
        }
        closeFired = true;
        readyState = CLOSED;
        if (error) {
            listeners.dispatch(new Event("error"), this);
        }
        boolean clean = code != ABNORMAL_CLOSURE;
        listeners.dispatch(new CloseEvent("close", clean, code, clean ? reason : ""), this);
    }

    // ---- connecting (background thread) ----

    private void connect() {
        try {
            WebSocketContainer container = options.containerOrDefault();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .preferredSubprotocols(protocols)
                    .sslContext(options.sslContext())
                    .build();
            URI target = url.toJavaUri();
            container.connectToServer(new Bridge(), config, target);
        } catch (Exception | LinkageError e) {
            // A refused or failed handshake, a network failure, or no container at all.
            errorSeen = true;
            synchronized (lock) {
                fail(CloseReason.CloseCodes.PROTOCOL_ERROR, "connection failed");
            }
        }
    }

    /** Turns the container's callbacks into tasks on the socket's executor. */
    private final class Bridge extends Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            String chosen = opened.getNegotiatedSubprotocol() == null ? "" : opened.getNegotiatedSubprotocol();
            List<Extension> chosenExtensions = opened.getNegotiatedExtensions() == null
                    ? List.of() : opened.getNegotiatedExtensions();
            synchronized (lock) {
                session = opened;
                if (failed) {
                    closeInBackground(opened, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "closed while connecting"));
                    return;
                }
                String problem = handshakeProblem(chosen, chosenExtensions);
                if (problem != null) {
                    errorSeen = true;
                    fail(CloseReason.CloseCodes.PROTOCOL_ERROR, problem);
                    return;
                }
            }
            opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) WebSocket.this::received);
            opened.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                received(copy);
            });
            String negotiatedExtensions = serialise(chosenExtensions);
            events.execute(() -> opened(chosen, negotiatedExtensions));
        }

        @Override
        public void onClose(Session closed, CloseReason containerReason) {
            CloseReason reason = containerReason;
            synchronized (lock) {
                if (failed) {
                    return;
                }
            }
            // A connection the container failed (it reported an error) or this side closed as
            // full ends uncleanly, whatever close frame the container sent on its way out.
            boolean unclean = full || errorSeen;
            // On Tether the close frame the peer answered with is at hand: the standard reports that.
            if (closed.getUserProperties().get(PEER_CLOSE_REASON) instanceof CloseReason peer) {
                reason = peer;
            }
            int code = unclean ? ABNORMAL_CLOSURE : reason.getCloseCode().getCode();
            String phrase = reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
            events.execute(() -> fireClose(unclean, code, phrase));
        }

        @Override
        public void onError(Session failing, Throwable error) {
            errorSeen = true;
        }
    }

    /** Why the server's choice is unacceptable, or null: a chosen subprotocol is required when any was offered. */
    private String handshakeProblem(String chosen, List<Extension> chosenExtensions) {
        if (!protocols.isEmpty() && !protocols.contains(chosen)) {
            return chosen.isEmpty() ? "the server chose none of the subprotocols offered"
                    : "the server chose a subprotocol that was not offered: " + chosen;
        }
        if (protocols.isEmpty() && !chosen.isEmpty()) {
            return "the server chose a subprotocol though none was offered: " + chosen;
        }
        if (!chosenExtensions.isEmpty()) {
            return "the server chose an extension though none was offered: " + chosenExtensions.get(0).getName();
        }
        return null;
    }

    private static String serialise(List<Extension> chosen) {
        return chosen.stream().map(e -> {
            StringBuilder s = new StringBuilder(e.getName());
            for (Extension.Parameter p : e.getParameters()) {
                s.append("; ").append(p.getName());
                if (p.getValue() != null && !p.getValue().isEmpty()) {
                    s.append('=').append(p.getValue());
                }
            }
            return s.toString();
        }).collect(Collectors.joining(", "));
    }

    // ---- event tasks ----

    private void opened(String chosen, String negotiatedExtensions) {
        synchronized (lock) {
            if (readyState != CONNECTING) {
                return;
            }
            protocol = chosen;
            extensions = negotiatedExtensions;
            readyState = OPEN;
        }
        listeners.dispatch(new Event("open"), this);
    }

    private void received(String text) {
        events.execute(() -> {
            if (readyState == OPEN) {
                listeners.dispatch(new MessageEvent("message", text, url.origin()), this);
            }
        });
    }

    private void received(byte[] data) {
        events.execute(() -> {
            if (readyState == OPEN) {
                Object message = ARRAYBUFFER.equals(binaryType)
                        ? ByteBuffer.wrap(data).asReadOnlyBuffer()
                        : Blob.wrap(data);
                listeners.dispatch(new MessageEvent("message", message, url.origin()), this);
            }
        });
    }

    // ---- events ----

    public void onopen(EventListener listener) {
        listeners.setHandler("open", listener);
    }

    public EventListener onopen() {
        return listeners.handler("open");
    }

    public void onmessage(EventListener listener) {
        listeners.setHandler("message", listener);
    }

    public EventListener onmessage() {
        return listeners.handler("message");
    }

    public void onerror(EventListener listener) {
        listeners.setHandler("error", listener);
    }

    public EventListener onerror() {
        return listeners.handler("error");
    }

    public void onclose(EventListener listener) {
        listeners.setHandler("close", listener);
    }

    public EventListener onclose() {
        return listeners.handler("close");
    }

    /** Adds a listener for events of {@code type}; adding the same one twice changes nothing. */
    public void addEventListener(String type, EventListener listener) {
        listeners.add(type, listener);
    }

    public void removeEventListener(String type, EventListener listener) {
        listeners.remove(type, listener);
    }

    /**
     * Dispatches {@code event} to this socket's listeners now, on the calling thread.
     *
     * @return true (events here cannot be cancelled)
     */
    public boolean dispatchEvent(Event event) {
        listeners.dispatch(Objects.requireNonNull(event, "event"), this);
        return true;
    }

    @Override
    public String toString() {
        return "WebSocket[" + serialisedUrl + ", readyState=" + readyState + "]";
    }
}
