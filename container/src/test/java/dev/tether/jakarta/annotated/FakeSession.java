package dev.tether.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test {@link Session}: records the message handlers added to it and what is sent on its basic
 * remote, holds path parameters and buffer sizes, and delivers messages to the handlers the way a
 * container would. Methods a test does not need throw {@link UnsupportedOperationException}.
 */
final class FakeSession implements Session {
    /** Handlers in the order they were added, by the class they were added for. */
    final Map<Class<?>, MessageHandler> handlers = new LinkedHashMap<>();
    /** What was sent: "text:...", "binary:..." (UTF-8 of the bytes) or "object:..." (toString). */
    final List<String> sent = new ArrayList<>();
    final Map<String, String> pathParameters = new HashMap<>();
    int maxTextMessageBufferSize = 8192;
    int maxBinaryMessageBufferSize = 8192;
    /** When set, every send throws it. */
    Exception sendFailure;

    FakeSession pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    // ------------------------------------------------------------ delivering like a container

    @SuppressWarnings("unchecked")
    private <T> MessageHandler.Whole<T> whole(Class<T> type) {
        MessageHandler handler = handlers.get(type);
        if (!(handler instanceof MessageHandler.Whole)) {
            throw new AssertionError("no Whole handler for " + type.getSimpleName() + " in " + handlers);
        }
        return (MessageHandler.Whole<T>) handler;
    }

    @SuppressWarnings("unchecked")
    private <T> MessageHandler.Partial<T> partial(Class<T> type) {
        MessageHandler handler = handlers.get(type);
        if (!(handler instanceof MessageHandler.Partial)) {
            throw new AssertionError("no Partial handler for " + type.getSimpleName() + " in " + handlers);
        }
        return (MessageHandler.Partial<T>) handler;
    }

    void text(String message) {
        whole(String.class).onMessage(message);
    }

    void textPart(String part, boolean last) {
        partial(String.class).onMessage(part, last);
    }

    void binary(String utf8) {
        if (handlers.containsKey(byte[].class)) {
            whole(byte[].class).onMessage(utf8.getBytes(StandardCharsets.UTF_8));
        } else {
            whole(ByteBuffer.class).onMessage(ByteBuffer.wrap(utf8.getBytes(StandardCharsets.UTF_8)));
        }
    }

    void binaryPart(String utf8, boolean last) {
        if (handlers.containsKey(byte[].class)) {
            partial(byte[].class).onMessage(utf8.getBytes(StandardCharsets.UTF_8), last);
        } else {
            partial(ByteBuffer.class).onMessage(ByteBuffer.wrap(utf8.getBytes(StandardCharsets.UTF_8)), last);
        }
    }

    void pong(String utf8) {
        ByteBuffer data = ByteBuffer.wrap(utf8.getBytes(StandardCharsets.UTF_8));
        whole(PongMessage.class).onMessage(() -> data);
    }

    static String utf8(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------ Session

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException("the adapter must pass the message class explicitly");
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        add(type, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        add(type, handler);
    }

    private void add(Class<?> type, MessageHandler handler) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("a handler for " + type + " is already registered");
        }
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return new LinkedHashSet<>(handlers.values());
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.values().remove(handler);
    }

    @Override
    public Map<String, String> getPathParameters() {
        return pathParameters;
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return basic;
    }

    @Override
    public String getId() {
        return "fake-1";
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public String toString() {
        return "FakeSession";
    }

    @Override
    public WebSocketContainer getContainer() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }

    @Override
    public void close(CloseReason closeReason) {
    }

    @Override
    public URI getRequestURI() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Set.of(this);
    }

    // ------------------------------------------------------------ basic remote

    private final RemoteEndpoint.Basic basic = new RemoteEndpoint.Basic() {
        private void record(String what) throws IOException, EncodeException {
            if (sendFailure instanceof IOException io) {
                throw io;
            }
            if (sendFailure instanceof EncodeException encode) {
                throw encode;
            }
            sent.add(what);
        }

        private void recordIo(String what) throws IOException {
            try {
                record(what);
            } catch (EncodeException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void sendText(String text) throws IOException {
            if (text == null) {
                throw new IllegalArgumentException("null text");
            }
            recordIo("text:" + text);
        }

        @Override
        public void sendBinary(ByteBuffer data) throws IOException {
            recordIo("binary:" + utf8(data));
        }

        @Override
        public void sendText(String partialMessage, boolean isLast) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendBinary(ByteBuffer partialByte, boolean isLast) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutputStream getSendStream() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Writer getSendWriter() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data) throws IOException, EncodeException {
            record("object:" + data);
        }

        @Override
        public void setBatchingAllowed(boolean allowed) {
        }

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {
        }

        @Override
        public void sendPing(ByteBuffer applicationData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendPong(ByteBuffer applicationData) {
            throw new UnsupportedOperationException();
        }
    };
}
