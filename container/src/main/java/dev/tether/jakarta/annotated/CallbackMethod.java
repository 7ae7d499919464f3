package dev.tether.jakarta.annotated;

import dev.tether.jakarta.annotated.ParameterBinding.ArgumentSource;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One annotated method, ready to call: a method handle of shape
 * {@code (Object target, Object[] args) -> Object} and one {@link ArgumentSource} per parameter,
 * all resolved at deployment. A call only fills an {@code Object[]} and invokes the handle.
 *
 * <p>Exceptions thrown by the method reach the caller as they are (a method handle does not wrap
 * them in {@code InvocationTargetException}). Immutable and thread-safe.
 */
final class CallbackMethod {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private final String description;
    private final MethodHandle invoker;
    private final ArgumentSource[] sources;

    private CallbackMethod(String description, MethodHandle invoker, ArgumentSource[] sources) {
        this.description = description;
        this.invoker = invoker;
        this.sources = sources;
    }

    /**
     * @throws DeploymentException if the container may not call the method (for instance a public
     *                             method of a class in a package its module does not export)
     */
    static CallbackMethod of(Class<?> endpointClass, Method method, ArgumentSource[] sources)
            throws DeploymentException {
        String description = ParameterBinding.describe(endpointClass, method);
        try {
            method.trySetAccessible(); // a public method of a non-public class still needs this
        } catch (SecurityException ignored) {
            // unreflect below checks ordinary public access instead
        }
        MethodHandle handle;
        try {
            handle = LOOKUP.unreflect(method);
        } catch (IllegalAccessException e) {
            throw new DeploymentException(description + ": the container cannot call this method: "
                    + e.getMessage(), e);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            handle = MethodHandles.dropArguments(handle, 0, Object.class);
        }
        int n = sources.length;
        handle = handle.asType(MethodType.genericMethodType(n + 1)).asSpreader(Object[].class, n);
        return new CallbackMethod(description, handle, sources.clone());
    }

    /**
     * Calls the method.
     *
     * @return its result, {@code null} for a {@code void} method
     * @throws Throwable a {@code DecodeException} if an argument does not convert, or whatever
     *                   the method itself throws
     */
    Object invoke(Object target, Session session, Object primary, boolean last) throws Throwable {
        Object[] args = new Object[sources.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = sources[i].get(session, primary, last);
        }
        return (Object) invoker.invokeExact(target, args);
    }

    /** As in deployment errors: {@code com.x.Echo.onMessage(String, Session)}. */
    @Override
    public String toString() {
        return description;
    }
}
