package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An endpoint's encoder and decoder classes, checked against the deployment rules and with the
 * object type of each worked out once, ready to give each new session its own instances.
 *
 * <p>Make one per endpoint when it is deployed ({@link #of(EndpointConfig)}: the check is the
 * deployment-time validation) and {@link #open} it for each session. A class listed twice is
 * instantiated once; the order of first appearance is the declaration order the choice follows.
 *
 * <p>Immutable and thread-safe: sessions may open it concurrently.
 */
public final class CodecPlan {
    private final List<List<CodecRole>> encoderClasses;
    private final List<List<CodecRole>> decoderClasses;

    private CodecPlan(List<List<CodecRole>> encoderClasses, List<List<CodecRole>> decoderClasses) {
        this.encoderClasses = encoderClasses;
        this.decoderClasses = decoderClasses;
    }

    private static final CodecPlan NONE = new CodecPlan(List.of(), List.of());

    /** The plan of an endpoint without encoders or decoders. */
    public static CodecPlan none() {
        return NONE;
    }

    /**
     * Checks the classes and works out their object types. A {@code null} list counts as empty.
     *
     * @throws DeploymentException naming the first class that breaks a rule, and the rule: it
     *                             must implement one of the {@code Text}, {@code TextStream},
     *                             {@code Binary}, {@code BinaryStream} subinterfaces with a
     *                             type argument that can be determined, be a public, concrete,
     *                             non-inner class, and have a public no-argument constructor
     */
    public static CodecPlan of(List<Class<? extends Encoder>> encoders, List<Class<? extends Decoder>> decoders)
            throws DeploymentException {
        return new CodecPlan(inspect(encoders, CodecForm.Side.ENCODER), inspect(decoders, CodecForm.Side.DECODER));
    }

    /**
     * {@link #of(List, List)} with the configuration's {@code getEncoders()} and
     * {@code getDecoders()}.
     *
     * @throws DeploymentException as {@link #of(List, List)}
     */
    public static CodecPlan of(EndpointConfig config) throws DeploymentException {
        return of(config.getEncoders(), config.getDecoders());
    }

    /**
     * Creates one session's instances of every class, in declaration order, and calls
     * {@code init(config)} once on each. If any constructor or {@code init} fails, the
     * instances already initialized are destroyed before the exception is thrown.
     *
     * @param config the configuration the session runs with, given to every {@code init}
     * @throws DeploymentException naming the class whose constructor or {@code init} threw (the
     *                             cause), or which could not be instantiated
     */
    public Codecs open(EndpointConfig config) throws DeploymentException {
        Encoders encoders = new Encoders(instantiate(encoderClasses, config));
        try {
            return new Codecs(encoders, new Decoders(instantiate(decoderClasses, config)));
        } catch (DeploymentException | RuntimeException | Error e) {
            encoders.close();
            throw e;
        }
    }

    /**
     * Whether one of the user's decoders turns text into {@code target} (or a subtype). Built-in
     * conversions of primitives are not counted: this tells a deployment whether a message
     * parameter of that type is decoded text.
     */
    public boolean hasTextDecoder(Class<?> target) {
        return hasDecoder(target, true);
    }

    /** Whether one of the user's decoders turns binary messages into {@code target} (or a subtype). */
    public boolean hasBinaryDecoder(Class<?> target) {
        return hasDecoder(target, false);
    }

    private boolean hasDecoder(Class<?> target, boolean text) {
        for (List<CodecRole> roles : decoderClasses) {
            for (CodecRole role : roles) {
                if (role.form().text() == text && Decoders.produces(role, target)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<List<CodecRole>> inspect(List<? extends Class<?>> classes, CodecForm.Side side)
            throws DeploymentException {
        if (classes == null) {
            return List.of();
        }
        List<List<CodecRole>> inspected = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Class<?> type : classes) {
            List<CodecRole> roles = CodecClasses.roles(type, side);
            if (seen.add(type)) {
                inspected.add(roles);
            }
        }
        return List.copyOf(inspected);
    }

    private static List<BoundRole> instantiate(List<List<CodecRole>> classes, EndpointConfig config)
            throws DeploymentException {
        List<BoundRole> bound = new ArrayList<>();
        List<CodecInstance> created = new ArrayList<>();
        try {
            for (List<CodecRole> roles : classes) {
                CodecInstance instance = CodecInstance.create(roles.get(0).codecClass(), config);
                created.add(instance);
                for (CodecRole role : roles) {
                    bound.add(new BoundRole(role, instance));
                }
            }
        } catch (DeploymentException | RuntimeException | Error e) {
            created.forEach(CodecInstance::destroy);
            throw e;
        }
        return bound;
    }
}
