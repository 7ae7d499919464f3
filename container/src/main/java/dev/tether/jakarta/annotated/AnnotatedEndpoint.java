package dev.tether.jakarta.annotated;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * The {@link Endpoint} an annotated POJO instance runs as: the container sees only this class
 * and the {@link MessageHandler}s it registers.
 *
 * <ul>
 *   <li>{@link #onOpen}: registers one handler per {@code @OnMessage} method on the session
 *       (with {@code addMessageHandler(Class, Whole)} or {@code (Class, Partial)}), applies
 *       {@code maxMessageSize} to the session's text/binary buffer size, then calls
 *       {@code @OnOpen}.</li>
 *   <li>{@link #onClose}: calls {@code @OnClose}.</li>
 *   <li>{@link #onError}: calls {@code @OnError}; with none, logs the error at WARNING.</li>
 * </ul>
 *
 * <p>Anything a user method throws, and a path parameter or text message that does not
 * convert ({@code DecodeException}), and a failure to send an {@code @OnMessage} return value,
 * goes to {@link #onError} with the session; what {@code @OnError} itself throws is logged.
 * Nothing escapes to the container except {@link VirtualMachineError}.
 *
 * <p>Threading: no state of its own besides the POJO; the container calls it for one session
 * from one thread at a time (spec §5.1), and it adds no locking of its own.
 */
final class AnnotatedEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final AnnotatedEndpointModel model;
    private final Object pojo;

    AnnotatedEndpoint(AnnotatedEndpointModel model, Object pojo) {
        this.model = model;
        this.pojo = pojo;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        for (MessageMethod method : model.messageMethods()) {
            register(session, method);
        }
        CallbackMethod onOpen = model.onOpenMethod();
        if (onOpen != null) {
            call(onOpen, session, config);
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        CallbackMethod onClose = model.onCloseMethod();
        if (onClose != null) {
            call(onClose, session, closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        CallbackMethod onError = model.onErrorMethod();
        if (onError == null) {
            LOG.log(Level.WARNING, () -> "Unhandled error in " + model.endpointClass().getName()
                    + " (session " + sessionId(session) + "), which has no @OnError method", error);
            return;
        }
        try {
            onError.invoke(pojo, session, error, true);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> onError + " failed (session " + sessionId(session)
                    + ") while handling: " + error, e);
        }
    }

    /** Calls a lifecycle method, sending what it throws to {@link #onError}. */
    private void call(CallbackMethod method, Session session, Object primary) {
        try {
            method.invoke(pojo, session, primary, true);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            onError(session, e);
        }
    }

    @SuppressWarnings("unchecked")
    private void register(Session session, MessageMethod method) {
        MessageKind kind = method.kind();
        Class<Object> type = (Class<Object>) method.handlerType();
        if (kind.partial()) {
            session.addMessageHandler(type,
                    (MessageHandler.Partial<Object>) (part, last) -> deliver(session, method, part, last));
        } else {
            session.addMessageHandler(type,
                    (MessageHandler.Whole<Object>) message -> deliver(session, method, message, true));
            long max = method.maxMessageSize();
            if (max != -1) {
                switch (kind.type()) {
                    case TEXT -> session.setMaxTextMessageBufferSize((int) max);
                    case BINARY -> session.setMaxBinaryMessageBufferSize((int) max);
                    default -> {
                        // a pong's payload is at most 125 bytes; nothing to size
                    }
                }
            }
        }
    }

    /** Delivers one message (or part) to its {@code @OnMessage} method and sends back its result. */
    private void deliver(Session session, MessageMethod method, Object message, boolean last) {
        Object result;
        try {
            result = method.callback().invoke(pojo, session, message, last);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            onError(session, e);
            return;
        }
        if (result != null) {
            try {
                method.resultSender().send(session, result);
            } catch (IOException | EncodeException | RuntimeException e) {
                onError(session, e);
            }
        }
    }

    private static String sessionId(Session session) {
        try {
            return session == null ? "none" : session.getId();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    @Override
    public String toString() {
        return "AnnotatedEndpoint[" + model.endpointClass().getName() + "]";
    }
}
