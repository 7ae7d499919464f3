package dev.tether.jakarta.annotated;

import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Works out, once at deployment, where each parameter of an annotated method gets its value at
 * call time, and rejects parameters the spec does not allow (§4.3-§4.7) with a
 * {@link DeploymentException} naming the class, the method and the rule.
 *
 * <p>Every callback has one "primary" value: the {@code EndpointConfig} for {@code @OnOpen},
 * the {@code CloseReason} for {@code @OnClose}, the {@code Throwable} for {@code @OnError}, the
 * message for {@code @OnMessage}. With the session and a partial message's last flag that is
 * all an {@link ArgumentSource} needs.
 *
 * <p>{@code @PathParam} names that are not variables of the path template (and every name on a
 * client endpoint, which has no template) give {@code null}, as §4.3 says. A primitive cannot
 * hold {@code null}, so a primitive {@code @PathParam} with such a name is rejected at deployment
 * rather than failing on every call: that is nearly always a typo in the name.
 */
final class ParameterBinding {

    /** Gives the value of one argument of an annotated method at call time. */
    @FunctionalInterface
    interface ArgumentSource {
        /**
         * @param session the session the call is for
         * @param primary the callback's own value (config, close reason, error or message)
         * @param last    for a partial message, whether this is its last part; else {@code true}
         * @throws DecodeException if a path parameter or a text message does not convert
         */
        Object get(Session session, Object primary, boolean last) throws DecodeException;
    }

    /** The binding of an {@code @OnMessage} method: its kind and a source per parameter. */
    record MessageBinding(MessageKind kind, Class<?> messageType, ArgumentSource[] sources) {
    }

    private static final ArgumentSource SESSION = (session, primary, last) -> session;
    private static final ArgumentSource PRIMARY = (session, primary, last) -> primary;
    private static final ArgumentSource LAST = (session, primary, last) -> last;
    private static final ArgumentSource NULL = (session, primary, last) -> null;

    private final Class<?> endpointClass;
    private final boolean serverSide;
    private final Set<String> pathParamNames;
    private final CodecPlan codecs;

    ParameterBinding(Class<?> endpointClass, boolean serverSide, Set<String> pathParamNames, CodecPlan codecs) {
        this.endpointClass = endpointClass;
        this.serverSide = serverSide;
        this.pathParamNames = pathParamNames;
        this.codecs = codecs;
    }

    /** {@code @OnOpen(Session?, EndpointConfig?, @PathParam...)}. */
    ArgumentSource[] forOnOpen(Method method) throws DeploymentException {
        return lifecycle(method, "@OnOpen", EndpointConfig.class, "an EndpointConfig", false);
    }

    /** {@code @OnClose(Session?, CloseReason?, @PathParam...)}. */
    ArgumentSource[] forOnClose(Method method) throws DeploymentException {
        return lifecycle(method, "@OnClose", CloseReason.class, "a CloseReason", false);
    }

    /** {@code @OnError(Session?, Throwable, @PathParam...)}. */
    ArgumentSource[] forOnError(Method method) throws DeploymentException {
        return lifecycle(method, "@OnError", Throwable.class, "a Throwable", true);
    }

    private ArgumentSource[] lifecycle(Method method, String annotation, Class<?> primaryType,
                                       String primaryName, boolean primaryRequired) throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        boolean hasSession = false;
        boolean hasPrimary = false;
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            PathParam pathParam = parameters[i].getAnnotation(PathParam.class);
            if (pathParam != null) {
                sources[i] = pathParam(method, pathParam.value(), type);
            } else if (type == Session.class) {
                if (hasSession) {
                    throw error(method, annotation + " has more than one Session parameter");
                }
                hasSession = true;
                sources[i] = SESSION;
            } else if (type == primaryType) {
                if (hasPrimary) {
                    throw error(method, annotation + " has more than one " + typeName(type) + " parameter");
                }
                hasPrimary = true;
                sources[i] = PRIMARY;
            } else {
                throw error(method, annotation + " parameter " + typeName(type)
                        + " is neither a Session, " + primaryName + " nor a @PathParam");
            }
        }
        if (primaryRequired && !hasPrimary) {
            throw error(method, annotation + " must have a " + typeName(primaryType) + " parameter");
        }
        return sources;
    }

    /**
     * {@code @OnMessage}: exactly one message parameter, optionally a {@code boolean last} beside
     * a String/ByteBuffer/byte[] message, an optional Session and any {@code @PathParam}s, in any
     * order. When a {@code boolean} could be either the message or the last flag, a non-boolean
     * candidate is taken as the message.
     */
    MessageBinding forOnMessage(Method method) throws DeploymentException {
        Parameter[] parameters = method.getParameters();
        ArgumentSource[] sources = new ArgumentSource[parameters.length];
        List<Integer> candidates = new ArrayList<>(2);
        boolean hasSession = false;
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            PathParam pathParam = parameters[i].getAnnotation(PathParam.class);
            if (pathParam != null) {
                sources[i] = pathParam(method, pathParam.value(), type);
            } else if (type == Session.class) {
                if (hasSession) {
                    throw error(method, "@OnMessage has more than one Session parameter");
                }
                hasSession = true;
                sources[i] = SESSION;
            } else {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            throw error(method, "@OnMessage has no message parameter");
        }
        int message = candidates.get(0);
        for (int i : candidates) {
            if (parameters[i].getType() != boolean.class) {
                message = i;
                break;
            }
        }
        int last = -1;
        for (int i : candidates) {
            if (i == message) {
                continue;
            }
            if (parameters[i].getType() == boolean.class && last < 0) {
                last = i;
            } else {
                throw error(method, "@OnMessage parameter " + typeName(parameters[i].getType())
                        + " is neither the message, a Session, a @PathParam nor a boolean last flag");
            }
        }
        Class<?> messageType = parameters[message].getType();
        MessageKind kind = MessageKind.of(messageType, last >= 0, codecs);
        if (kind == null) {
            if (last >= 0 && MessageKind.of(messageType, false, codecs) != null) {
                throw error(method, "@OnMessage boolean last flag is only allowed with a String, ByteBuffer"
                        + " or byte[] message, not " + typeName(messageType));
            }
            throw error(method, "@OnMessage message type " + typeName(messageType) + " has no decoder"
                    + " (without one, String, Reader, ByteBuffer, byte[], InputStream, PongMessage,"
                    + " Java primitives and their boxes are accepted)");
        }
        sources[message] = kind == MessageKind.TEXT_CONVERTED ? convertedText(messageType) : PRIMARY;
        if (last >= 0) {
            sources[last] = LAST;
        }
        return new MessageBinding(kind, messageType, sources);
    }

    private static ArgumentSource convertedText(Class<?> type) {
        Function<String, Object> conversion = StringConversions.to(type);
        String typeName = typeName(type);
        return (session, primary, last) -> {
            String text = (String) primary;
            try {
                return conversion.apply(text);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(text, "Text message \"" + StringConversions.abbreviate(text)
                        + "\" is not a valid " + typeName, e);
            }
        };
    }

    private ArgumentSource pathParam(Method method, String declared, Class<?> type) throws DeploymentException {
        // "{name}" is accepted for "name", as other containers and the TCK do.
        String name = declared.length() > 2 && declared.startsWith("{") && declared.endsWith("}")
                ? declared.substring(1, declared.length() - 1)
                : declared;
        String label = "@PathParam(\"" + name + "\") " + typeName(type);
        if (name.isEmpty()) {
            throw error(method, label + ": the @PathParam value must not be empty");
        }
        if (!StringConversions.isConvertible(type)) {
            throw error(method, label + ": a @PathParam parameter must be a String, a Java primitive or a box");
        }
        if (!pathParamNames.contains(name)) {
            // §4.3: a name that is no variable of the template gives null.
            if (type.isPrimitive()) {
                throw error(method, label + ": " + (serverSide
                        ? "the path template has no variable {" + name + "}"
                        : "a client endpoint has no path parameters")
                        + ", so its value would be null, which a primitive cannot hold");
            }
            return NULL;
        }
        Function<String, Object> conversion = StringConversions.to(type);
        String typeName = typeName(type);
        boolean primitive = type.isPrimitive();
        return (session, primary, last) -> {
            Map<String, String> values = session.getPathParameters();
            String value = values == null ? null : values.get(name);
            if (value == null) {
                if (primitive) {
                    throw new DecodeException((String) null,
                            "Path parameter {" + name + "} has no value in this session");
                }
                return null;
            }
            try {
                return conversion.apply(value);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(value, "Path parameter {" + name + "} value \""
                        + StringConversions.abbreviate(value) + "\" is not a valid " + typeName, e);
            }
        };
    }

    private DeploymentException error(Method method, String rule) {
        return new DeploymentException(describe(endpointClass, method) + ": " + rule);
    }

    /**
     * {@code com.x.Echo.onMessage(String, int)}; for a method inherited from a superclass,
     * followed by {@code (inherited by com.x.SubEcho)}.
     */
    static String describe(Class<?> endpointClass, Method method) {
        StringBuilder b = new StringBuilder(method.getDeclaringClass().getName())
                .append('.').append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            b.append(i == 0 ? "" : ", ").append(typeName(types[i]));
        }
        b.append(')');
        if (method.getDeclaringClass() != endpointClass) {
            b.append(" (inherited by ").append(endpointClass.getName()).append(')');
        }
        return b.toString();
    }

    /** Simple name ({@code byte[]}, {@code Session}), or the full name where there is none. */
    static String typeName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }
}
