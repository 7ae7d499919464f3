package dev.tether.jakarta.annotated;

/**
 * An {@code @OnMessage} method with what the adapter needs to register and call it.
 *
 * @param callback       the method, ready to call
 * @param kind           how it takes its message, and so which handler it is registered as
 * @param maxMessageSize {@code @OnMessage.maxMessageSize}, or -1 for none; always -1 for
 *                       partial kinds, to which the attribute does not apply
 * @param resultSender   what to do with its return value
 */
record MessageMethod(CallbackMethod callback, MessageKind kind, Class<?> handlerType, long maxMessageSize,
                     ResultSender resultSender) {
}
