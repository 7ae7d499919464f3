package dev.tether.jakarta.annotated;

import dev.tether.jakarta.annotated.ParameterBinding.MessageBinding;
import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The validated shape of an annotated endpoint class ({@code @ServerEndpoint} or
 * {@code @ClientEndpoint} POJO): which methods handle open, close, error and each message type,
 * and how each of their parameters is filled. Built once per class at deployment by
 * {@link #of}; {@link #newEndpoint} then wraps each POJO instance (normally one per connection)
 * in a standard {@link Endpoint} that the container runs like any programmatic endpoint.
 *
 * <h2>Rules checked by {@link #of}</h2>
 * Each violation is a {@link DeploymentException} whose message names the class, the method and
 * the rule, e.g. {@code com.x.Echo.onMessage(String, int): @OnMessage parameter int is neither
 * the message, a Session, a @PathParam nor a boolean last flag}.
 * <ul>
 *   <li>A server endpoint class is public; any endpoint class is concrete (spec §4.1). Whether
 *       it can be instantiated is the configurator's business ({@link AnnotatedConfigs} checks
 *       the no-argument constructor when the default configurator is used).</li>
 *   <li>Annotated methods are public (static ones are allowed and called without the POJO).</li>
 *   <li>At most one {@code @OnOpen}, {@code @OnClose}, {@code @OnError}, and one
 *       {@code @OnMessage} per message type: text, binary, pong (§4.4-§4.7).</li>
 *   <li>Parameters: {@code @OnOpen(Session?, EndpointConfig?, @PathParam...)},
 *       {@code @OnClose(Session?, CloseReason?, @PathParam...)},
 *       {@code @OnError(Session?, Throwable, @PathParam...)} and {@code @OnMessage} with one
 *       message ({@code String}, {@code ByteBuffer}, {@code byte[]}, {@code PongMessage}, a
 *       primitive or box parsed from text), a {@code boolean last} only beside a String,
 *       ByteBuffer or byte[], an optional {@code Session} and {@code @PathParam}s, in any order.
 *       Reader, InputStream and decoder-based messages are rejected for now.</li>
 *   <li>{@code @PathParam} on String, primitives and boxes only, with a non-empty name. A name
 *       that is no variable of the template is allowed and gives {@code null} (§4.3), except on
 *       a primitive, which could never hold it.</li>
 *   <li>{@code @OnMessage.maxMessageSize} is -1 or between 0 and {@code Integer.MAX_VALUE}.</li>
 * </ul>
 *
 * <h2>Inheritance</h2>
 * Spec §4.8 says the annotations are not inherited through Java inheritance. We read it this
 * way: annotated methods declared by the class <em>or its superclasses</em> count (the TCK's
 * endpoints rely on that), but a method overridden in a subclass counts only if the overriding
 * declaration is itself annotated; the most derived declaration decides. When a class and a
 * superclass both fill the same role (say both have an {@code @OnOpen}, or a text
 * {@code @OnMessage}), the subclass's method wins and the superclass's is ignored; two in the
 * same class are an error. Every annotated method found is validated, winner or not. Interfaces
 * are not searched; bridge and synthetic methods are skipped (javac copies annotations onto
 * bridges).
 *
 * <h2>Threading</h2>
 * Immutable after {@link #of} returns; share it freely. The endpoints it creates hold no state
 * besides their POJO.
 */
public final class AnnotatedEndpointModel {
    private final Class<?> endpointClass;
    private final boolean serverSide;
    private final CallbackMethod onOpen;
    private final CallbackMethod onClose;
    private final CallbackMethod onError;
    private final Map<MessageType, MessageMethod> messageMethodsByType;
    private final List<MessageMethod> messageMethods;

    private AnnotatedEndpointModel(Class<?> endpointClass, boolean serverSide, CallbackMethod onOpen,
                                   CallbackMethod onClose, CallbackMethod onError,
                                   Map<MessageType, MessageMethod> messageMethods) {
        this.endpointClass = endpointClass;
        this.serverSide = serverSide;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.messageMethodsByType = Collections.unmodifiableMap(new EnumMap<>(messageMethods));
        this.messageMethods = List.copyOf(messageMethods.values());
    }

    /**
     * Reads and validates an annotated endpoint class.
     *
     * @param endpointClass  the POJO class; need not carry {@code @ServerEndpoint} or
     *                       {@code @ClientEndpoint} itself (a programmatic config may name it)
     * @param serverSide     whether it is deployed as a server endpoint
     * @param pathParamNames the variable names of the server's URI template; empty for a client
     * @return the model
     * @throws DeploymentException naming the class, the method and the rule broken
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass, boolean serverSide,
                                            Set<String> pathParamNames) throws DeploymentException {
        return of(endpointClass, serverSide, pathParamNames, CodecPlan.none());
    }

    /**
     * As {@link #of(Class, boolean, Set)}, for an endpoint with encoders and decoders: a message
     * parameter of a type one of its decoders produces is then valid, and decoded.
     */
    public static AnnotatedEndpointModel of(Class<?> endpointClass, boolean serverSide,
                                            Set<String> pathParamNames, CodecPlan codecs) throws DeploymentException {
        Objects.requireNonNull(endpointClass, "endpointClass");
        Objects.requireNonNull(pathParamNames, "pathParamNames");
        int modifiers = endpointClass.getModifiers();
        if (endpointClass.isInterface() || endpointClass.isArray() || endpointClass.isPrimitive()
                || Modifier.isAbstract(modifiers)) {
            throw new DeploymentException(endpointClass.getName()
                    + ": an endpoint class must be concrete (not abstract or an interface)");
        }
        if (serverSide && !Modifier.isPublic(modifiers)) {
            throw new DeploymentException(endpointClass.getName() + ": a server endpoint class must be public");
        }
        return new Scan(endpointClass, serverSide, Set.copyOf(pathParamNames), codecs).run();
    }

    /**
     * Wraps one POJO instance as an {@link Endpoint}: {@code onOpen} registers the message
     * handlers on the session and calls {@code @OnOpen}; {@code onClose} and {@code onError}
     * call {@code @OnClose} and {@code @OnError}. Errors from user methods go to
     * {@code @OnError}. See {@link AnnotatedEndpoint} for the details.
     *
     * @param pojo an instance of {@link #endpointClass()} (or of a subclass, such as a proxy)
     * @throws IllegalArgumentException if {@code pojo} is not such an instance
     */
    public Endpoint newEndpoint(Object pojo) {
        Objects.requireNonNull(pojo, "pojo");
        if (!endpointClass.isInstance(pojo)) {
            throw new IllegalArgumentException(pojo.getClass().getName() + " is not an instance of "
                    + endpointClass.getName());
        }
        return new AnnotatedEndpoint(this, pojo);
    }

    /** The annotated class this model was built from. */
    public Class<?> endpointClass() {
        return endpointClass;
    }

    /** Whether it was validated as a server endpoint. */
    public boolean isServerSide() {
        return serverSide;
    }

    /** The message types this endpoint has an {@code @OnMessage} method for (unmodifiable). */
    public Set<MessageType> messageTypes() {
        return messageMethodsByType.keySet();
    }

    /**
     * The {@code @OnMessage(maxMessageSize)} of the method handling {@code type}, in bytes, for
     * the container to enforce (close with 1009 when a whole message exceeds it). -1 when there
     * is no limit, no method for {@code type}, or the method takes the message in parts (the
     * attribute applies only to whole messages).
     */
    public long maxMessageSize(MessageType type) {
        MessageMethod method = messageMethodsByType.get(type);
        return method == null ? -1 : method.maxMessageSize();
    }

    @Override
    public String toString() {
        return "AnnotatedEndpointModel[" + endpointClass.getName() + (serverSide ? ", server" : ", client")
                + ", open=" + onOpen + ", close=" + onClose + ", error=" + onError
                + ", messages=" + messageTypes() + "]";
    }

    CallbackMethod onOpenMethod() {
        return onOpen;
    }

    CallbackMethod onCloseMethod() {
        return onClose;
    }

    CallbackMethod onErrorMethod() {
        return onError;
    }

    /** In the order text, binary, pong. */
    List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    // ------------------------------------------------------------------ deployment-time scan

    private static final class Scan {
        private final Class<?> endpointClass;
        private final boolean serverSide;
        private final ParameterBinding binding;
        private CallbackMethod onOpen;
        private CallbackMethod onClose;
        private CallbackMethod onError;
        private final Map<MessageType, MessageMethod> messages = new EnumMap<>(MessageType.class);
        /** The method filling each role in the class being scanned ("@OnOpen", MessageType.TEXT...). */
        private final Map<Object, Method> rolesInThisClass = new HashMap<>();

        Scan(Class<?> endpointClass, boolean serverSide, Set<String> pathParamNames, CodecPlan codecs) {
            this.endpointClass = endpointClass;
            this.serverSide = serverSide;
            this.binding = new ParameterBinding(endpointClass, serverSide, pathParamNames, codecs);
        }

        /** Walks from the class up to (not including) Object; the first method found for a role wins. */
        AnnotatedEndpointModel run() throws DeploymentException {
            Set<String> overridden = new HashSet<>();
            for (Class<?> c = endpointClass; c != null && c != Object.class; c = c.getSuperclass()) {
                Method[] declared = c.getDeclaredMethods();
                // Declaration order is unspecified; sort so that errors are reproducible.
                Arrays.sort(declared, Comparator.comparing(Method::toGenericString));
                List<String> signatures = new ArrayList<>();
                rolesInThisClass.clear();
                for (Method method : declared) {
                    String signature = method.getName() + Arrays.toString(method.getParameterTypes());
                    if (method.isBridge() || method.isSynthetic()) {
                        // A bridge stands for an override of the erased superclass method.
                        signatures.add(signature);
                        continue;
                    }
                    int modifiers = method.getModifiers();
                    boolean overridable = !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers);
                    if (overridable && overridden.contains(signature)) {
                        continue; // a subclass redeclares it; that declaration decides
                    }
                    if (overridable) {
                        signatures.add(signature);
                    }
                    examine(method);
                }
                overridden.addAll(signatures);
            }
            return new AnnotatedEndpointModel(endpointClass, serverSide, onOpen, onClose, onError, messages);
        }

        private void examine(Method method) throws DeploymentException {
            OnOpen open = method.getAnnotation(OnOpen.class);
            OnClose close = method.getAnnotation(OnClose.class);
            OnError error = method.getAnnotation(OnError.class);
            OnMessage message = method.getAnnotation(OnMessage.class);
            Annotation first = open != null ? open : close != null ? close : error != null ? error : message;
            if (first == null) {
                return;
            }
            if (!Modifier.isPublic(method.getModifiers())) {
                throw error(method, "@" + first.annotationType().getSimpleName() + " method must be public");
            }
            if (open != null) {
                CallbackMethod value = CallbackMethod.of(endpointClass, method, binding.forOnOpen(method));
                claim("@OnOpen", method, "@OnOpen is also on %s; an endpoint may have only one @OnOpen method");
                onOpen = onOpen == null ? value : onOpen;
            }
            if (close != null) {
                CallbackMethod value = CallbackMethod.of(endpointClass, method, binding.forOnClose(method));
                claim("@OnClose", method, "@OnClose is also on %s; an endpoint may have only one @OnClose method");
                onClose = onClose == null ? value : onClose;
            }
            if (error != null) {
                CallbackMethod value = CallbackMethod.of(endpointClass, method, binding.forOnError(method));
                claim("@OnError", method, "@OnError is also on %s; an endpoint may have only one @OnError method");
                onError = onError == null ? value : onError;
            }
            if (message != null) {
                examineOnMessage(method, message);
            }
        }

        private void examineOnMessage(Method method, OnMessage annotation) throws DeploymentException {
            MessageBinding bound = binding.forOnMessage(method);
            long max = annotation.maxMessageSize();
            if (max > Integer.MAX_VALUE) {
                throw error(method, "@OnMessage maxMessageSize " + max + " is larger than Integer.MAX_VALUE");
            }
            if (max < -1) {
                throw error(method, "@OnMessage maxMessageSize " + max + " is negative; -1 means no limit");
            }
            MessageKind kind = bound.kind();
            MessageMethod value = new MessageMethod(
                    CallbackMethod.of(endpointClass, method, bound.sources()), kind,
                    kind.handlerType(bound.messageType()), kind.partial() ? -1 : max, ResultSender.forReturnType(method.getReturnType()));
            MessageType type = kind.type();
            claim(type, method, "@OnMessage for " + type.label() + " messages is also on %s;"
                    + " an endpoint may have only one @OnMessage method per message type (text, binary, pong)");
            messages.putIfAbsent(type, value);
        }

        /**
         * Records that {@code method} fills {@code role} in the class being scanned; a second
         * method for the same role in the same class is an error. (A role already filled by a
         * subclass keeps the subclass's method; the caller keeps the first value.)
         */
        private void claim(Object role, Method method, String duplicateRule) throws DeploymentException {
            Method other = rolesInThisClass.putIfAbsent(role, method);
            if (other != null) {
                throw error(method, String.format(duplicateRule, ParameterBinding.describe(endpointClass, other)));
            }
        }

        private DeploymentException error(Method method, String rule) {
            return new DeploymentException(ParameterBinding.describe(endpointClass, method) + ": " + rule);
        }
    }
}
