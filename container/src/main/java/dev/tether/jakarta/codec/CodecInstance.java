package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;

/**
 * One session's instance of one encoder or decoder class, with the lifecycle the spec gives it:
 * created with its public no-argument constructor, {@code init(EndpointConfig)} called once,
 * {@code destroy()} called once at the end, and never two threads inside it at the same time.
 *
 * <p>Threading: every call into the user object ({@link #call}, {@link #destroy}) holds this
 * object's monitor, so calls are serialized and {@code destroy()} waits for a call in progress
 * and is never followed by another call. The monitor is this wrapper, never the user object.
 */
final class CodecInstance {
    private static final System.Logger LOG = System.getLogger(CodecInstance.class.getName());

    private final Object codec;
    private boolean destroyed;

    private CodecInstance(Object codec) {
        this.codec = codec;
    }

    /**
     * Creates an instance of {@code type} and initializes it with {@code config}.
     *
     * @throws DeploymentException naming the class, if the constructor or {@code init} fails
     *                             or the constructor is not accessible
     */
    static CodecInstance create(Class<?> type, EndpointConfig config) throws DeploymentException {
        Object codec;
        try {
            codec = type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException("Constructor of " + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot instantiate " + type.getName()
                    + " with its public no-argument constructor: " + e, e);
        }
        try {
            if (codec instanceof Encoder encoder) {
                encoder.init(config);
            } else {
                ((Decoder) codec).init(config);
            }
        } catch (RuntimeException e) {
            throw new DeploymentException("init(EndpointConfig) of " + type.getName() + " threw " + e, e);
        }
        return new CodecInstance(codec);
    }

    /** The user object's class. */
    Class<?> type() {
        return codec.getClass();
    }

    /** Calls into the user object; what {@link #call} runs. */
    @FunctionalInterface
    interface Action<R> {
        R apply(Object codec) throws Exception;
    }

    /**
     * Runs {@code action} on the user object while holding this instance's monitor. Whatever
     * the action throws (checked or unchecked, but not an {@link Error}) goes through
     * {@code translate}, which returns the exception to throw instead (possibly the same one).
     *
     * @throws IllegalStateException if the instance has been destroyed (not translated)
     */
    synchronized <R, X extends Exception> R call(Action<R> action, Function<Exception, X> translate) throws X {
        if (destroyed) {
            throw new IllegalStateException(codec.getClass().getName() + " has been destroyed: the session is closed");
        }
        try {
            return action.apply(codec);
        } catch (Exception e) {
            throw translate.apply(e);
        }
    }

    /**
     * Calls {@code destroy()} on the user object the first time; later calls do nothing. An
     * exception from {@code destroy()} is logged and not thrown, so that one failing codec does
     * not keep the others from being destroyed.
     */
    synchronized void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        try {
            if (codec instanceof Encoder encoder) {
                encoder.destroy();
            } else {
                ((Decoder) codec).destroy();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "destroy() of " + codec.getClass().getName() + " threw", e);
        }
    }
}
