package dev.tether.jakarta;

import dev.tether.engine.SessionHandler;
import dev.tether.engine.WebSocketConnection;
import dev.tether.protocol.CloseStatus;
import dev.tether.jakarta.codec.Codecs;
import dev.tether.transport.IoHandOff;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Jakarta {@link Session} over one {@link WebSocketConnection}, and the
 * {@link SessionHandler} that turns the connection's events into calls on the endpoint and
 * its message handlers.
 *
 * <p>Threading: the endpoint and its handlers are called on the connection's serial
 * executor, so never two at once and {@code onClose} never before {@code onOpen} returns.
 * The {@code Session} methods may be called from any thread.
 */
public final class TetherSession implements Session, SessionHandler {
    private static final System.Logger LOG = System.getLogger(TetherSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    /**
     * The user property that holds, when {@code onClose} runs, the {@link CloseReason} of the close
     * frame the peer sent (absent if none came). {@code onClose} itself gets, as in other
     * containers, the peer's status for a close the peer started and our own for one we started;
     * the browser adapter uses this property to report what the peer answered, as browsers do.
     */
    public static final String PEER_CLOSE_REASON = "dev.tether.peerCloseReason";

    private final String id = Long.toString(IDS.incrementAndGet(), 36);
    private final WebSocketContainer container;
    private final WebSocketConnection connection;
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final SessionInfo info;
    private final Set<Session> group;
    private final Codecs codecs;
    private final MessageHandlers handlers;
    private final Map<String, Object> userProperties;
    private final BasicRemote basic;
    private final AsyncRemote async;
    private volatile long maxIdleTimeout;
    /** Completed once {@code onClose} has run. */
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Set when the application asks to close. */
    private volatile boolean closing;

    /**
     * @param group  the open sessions of the same endpoint, shared by them; this session joins it
     *               when it opens and leaves when it closes
     * @param codecs the session's own encoders and decoders; closed (destroyed) after {@code onClose}
     */
    public TetherSession(WebSocketContainer container, WebSocketConnection connection, Endpoint endpoint,
                         EndpointConfig config, SessionInfo info, Set<Session> group, ContainerRuntime runtime,
                         Codecs codecs) {
        this.codecs = codecs;
        this.handlers = new MessageHandlers(codecs.decoders());
        this.container = container;
        this.connection = connection;
        this.endpoint = endpoint;
        this.config = config;
        this.info = info;
        this.group = group;
        // A map that, unlike ConcurrentHashMap, allows the null values applications put in it.
        this.userProperties = Collections.synchronizedMap(new HashMap<>(config.getUserProperties()));
        this.basic = new BasicRemote(connection, codecs.encoders());
        this.async = new AsyncRemote(connection, codecs.encoders(), runtime.executor(), runtime.timer(),
                container.getDefaultAsyncSendTimeout());
        connection.setMaxTextMessageSize(container.getDefaultMaxTextMessageBufferSize());
        connection.setMaxBinaryMessageSize(container.getDefaultMaxBinaryMessageBufferSize());
        setMaxIdleTimeout(container.getDefaultMaxSessionIdleTimeout());
    }

    /** The engine connection under this session (for the container's own use and its tests). */
    public WebSocketConnection connection() {
        return connection;
    }

    /** Runs {@code action} once {@code onClose} has run (at once if it has). */
    public void whenClosed(Runnable action) {
        closed.thenRun(action);
    }

    /** A new group for the sessions of one endpoint. */
    public static Set<Session> newGroup() {
        return ConcurrentHashMap.newKeySet();
    }

    // ---- SessionHandler: the connection's events, on the serial executor ----

    @Override
    public void onOpen() {
        group.add(this);
        try {
            endpoint.onOpen(this, config);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    @Override
    public void onText(String text) {
        MessageHandlers.Registered registered = handlers.get(MessageHandlers.Kind.TEXT);
        if (registered == null) {
            noHandler("text");
            return;
        }
        Object message;
        if (registered.decoded()) {
            try {
                message = codecs.decoders().decodeText(registered.type(), text);
            } catch (DecodeException e) {
                endpointError(e);
                return;
            }
        } else {
            message = registered.type() == String.class ? text : new StringReader(text);
        }
        deliver(registered, message);
    }

    @Override
    public void onBinary(ByteBuffer data) {
        MessageHandlers.Registered registered = handlers.get(MessageHandlers.Kind.BINARY);
        if (registered == null) {
            noHandler("binary");
            return;
        }
        Object message;
        if (registered.decoded()) {
            try {
                message = codecs.decoders().decodeBinary(registered.type(), data);
            } catch (DecodeException e) {
                endpointError(e);
                return;
            }
        } else if (registered.type() == ByteBuffer.class) {
            message = data;
        } else {
            byte[] bytes = bytesOf(data);
            message = registered.type() == byte[].class ? bytes : new ByteArrayInputStream(bytes);
        }
        deliver(registered, message);
    }

    /** Parts are wanted when the handler for that kind of message is a partial one. */
    @Override
    public boolean wantsParts(boolean text) {
        MessageHandlers.Registered registered = handlers.get(text ? MessageHandlers.Kind.TEXT : MessageHandlers.Kind.BINARY);
        return registered != null && registered.partial();
    }

    @Override
    public void onTextPart(String part, boolean last) {
        MessageHandlers.Registered registered = handlers.get(MessageHandlers.Kind.TEXT);
        if (registered == null || !registered.partial()) {
            // The handler changed while the message arrived: what is left of it has nowhere to go.
            return;
        }
        deliverPart(registered, part, last);
    }

    @Override
    public void onBinaryPart(ByteBuffer part, boolean last) {
        MessageHandlers.Registered registered = handlers.get(MessageHandlers.Kind.BINARY);
        if (registered == null || !registered.partial()) {
            return;
        }
        deliverPart(registered, registered.type() == byte[].class ? bytesOf(part) : part, last);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliverPart(MessageHandlers.Registered registered, Object part, boolean last) {
        try {
            ((MessageHandler.Partial) registered.handler()).onMessage(part, last);
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    private static byte[] bytesOf(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    @Override
    public void onPong(ByteBuffer data) {
        MessageHandlers.Registered registered = handlers.get(MessageHandlers.Kind.PONG);
        if (registered != null) {
            deliver(registered, new TetherPongMessage(data));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(MessageHandlers.Registered registered, Object message) {
        try {
            if (registered.partial()) {
                // The handler became a partial one while the message arrived whole.
                ((MessageHandler.Partial) registered.handler()).onMessage(message, true);
            } else {
                ((MessageHandler.Whole) registered.handler()).onMessage(message);
            }
        } catch (Throwable t) {
            endpointError(t);
        }
    }

    /** A message no handler takes is dropped, as in other containers: handlers may come later. */
    private void noHandler(String kind) {
        LOG.log(System.Logger.Level.DEBUG, "session " + id + ": no handler for a " + kind + " message; dropped");
    }

    @Override
    public void onError(Throwable error) {
        endpointError(error);
    }

    @Override
    public void onClose(CloseStatus status) {
        group.remove(this);
        CloseStatus peer = connection.receivedClose();
        if (peer != null) {
            userProperties.put(PEER_CLOSE_REASON, toReason(peer));
        }
        try {
            endpoint.onClose(this, toReason(status));
        } catch (Throwable t) {
            endpointError(t);
        } finally {
            codecs.close();
            closed.complete(null);
        }
    }

    private static CloseReason toReason(CloseStatus status) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(status.code()), status.reason());
    }

    private void endpointError(Throwable error) {
        try {
            endpoint.onError(this, error);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "endpoint onError failed for session " + id, t);
        }
    }

    // ---- Session ----

    @Override
    public WebSocketContainer getContainer() {
        return container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        if (handler instanceof MessageHandler.Whole<?>) {
            handlers.add(GenericTypes.typeArgument(handler.getClass(), MessageHandler.Whole.class), handler, false);
        } else if (handler instanceof MessageHandler.Partial<?>) {
            handlers.add(GenericTypes.typeArgument(handler.getClass(), MessageHandler.Partial.class), handler, true);
        } else {
            throw new IllegalStateException("a message handler must be MessageHandler.Whole or MessageHandler.Partial");
        }
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        handlers.add(clazz, handler, false);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        handlers.add(clazz, handler, true);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return Collections.unmodifiableSet(handlers.all());
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return info.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return info.extensions();
    }

    @Override
    public boolean isSecure() {
        return info.secure();
    }

    /**
     * Open until the application starts to close it, or until {@code onClose} has returned after
     * the peer or the container closed it: a caller that sees {@code false} can rely on
     * {@code onClose} having run (or being underway on its own request).
     */
    @Override
    public boolean isOpen() {
        return !closing && !closed.isDone();
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        maxIdleTimeout = milliseconds;
        connection.setIdleTimeout(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        connection.setMaxBinaryMessageSize(length);
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, connection.maxBinaryMessageSize());
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        connection.setMaxTextMessageSize(length);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return (int) Math.min(Integer.MAX_VALUE, connection.maxTextMessageSize());
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basic;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    /**
     * Starts the closing handshake and, unless called from this session's own callbacks, waits
     * (up to the close timeout) until {@code onClose} has run, so that a caller sees the session
     * fully closed when this returns.
     */
    @Override
    public void close(CloseReason closeReason) throws IOException {
        startClose(closeReason);
        if (!connection.events().isCurrentThread()) {
            awaitClosed(connection.config().closeTimeout().toMillis() + 1000);
        }
    }

    /** Starts the closing handshake and returns at once; {@code onClose} follows. */
    public void startClose(CloseReason closeReason) {
        closing = true;
        int code = closeReason.getCloseCode().getCode();
        String reason = closeReason.getReasonPhrase();
        close(new CloseStatus(CloseStatus.mayBeSent(code) ? code : CloseStatus.NO_STATUS, reason));
    }

    private void close(CloseStatus status) {
        connection.close(status);
    }

    private void awaitClosed(long millis) throws IOException {
        IoHandOff.beforeBlocking();
        try {
            closed.get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing", e);
        } catch (ExecutionException | TimeoutException e) {
            // The connection was dropped after the close timeout; onClose follows on its own.
        }
    }

    @Override
    public URI getRequestURI() {
        return info.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return info.requestParameters();
    }

    @Override
    public String getQueryString() {
        return info.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return info.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return info.userPrincipal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        Set<Session> open = new HashSet<>();
        for (Session s : group) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return Collections.unmodifiableSet(open);
    }

    @Override
    public String toString() {
        return "TetherSession[" + id + " " + info.requestUri() + "]";
    }
}
