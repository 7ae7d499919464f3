package dev.tether.jakarta.codec;

import jakarta.websocket.DeploymentException;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment rules for an encoder or decoder class, and the roles a valid one plays.
 *
 * <p>Each rule is one check with its own message, which names the class; the first rule broken
 * is reported as a {@link DeploymentException}. The rules: the class is given (not
 * {@code null}); it is an {@code Encoder} (or {@code Decoder}); it is not an interface, not
 * abstract, and public; a nested class is static; it has a public no-argument constructor; it
 * implements at least one of the four {@code Text}/{@code TextStream}/{@code Binary}/
 * {@code BinaryStream} subinterfaces; and the object type of each one it implements can be
 * determined. Stateless and thread-safe.
 */
final class CodecClasses {
    private CodecClasses() {
    }

    /**
     * The roles of {@code type}, one per codec subinterface it implements, in
     * {@link CodecForm} order.
     *
     * @throws DeploymentException if {@code type} breaks one of the rules
     */
    static List<CodecRole> roles(Class<?> type, CodecForm.Side side) throws DeploymentException {
        checkInstantiable(type, side);
        List<CodecRole> roles = new ArrayList<>(2);
        for (CodecForm form : CodecForm.values()) {
            Class<?> iface = form.iface(side);
            if (!iface.isAssignableFrom(type)) {
                continue;
            }
            Class<?> messageType = CodecTypes.typeArgument(type, iface);
            if (messageType == null) {
                throw new DeploymentException(side.label() + " class " + type.getName()
                        + ": the object type of " + form.label(side)
                        + " cannot be determined; give the type argument in the class declaration");
            }
            roles.add(new CodecRole(type, form, messageType));
        }
        if (roles.isEmpty()) {
            throw new DeploymentException(side.label() + " class " + type.getName()
                    + " implements none of " + side.label() + ".Text, .TextStream, .Binary, .BinaryStream");
        }
        return List.copyOf(roles);
    }

    private static void checkInstantiable(Class<?> type, CodecForm.Side side) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException(side.label() + " class list contains null");
        }
        String what = side.label() + " class " + type.getName();
        if (!side.root().isAssignableFrom(type)) {
            throw new DeploymentException(what + " does not implement " + side.root().getName());
        }
        if (type.isInterface()) {
            throw new DeploymentException(what + " is an interface; a concrete class is needed");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException(what + " is abstract; a concrete class is needed");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new DeploymentException(what + " must be public");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new DeploymentException(what + " is an inner class; it must be static");
        }
        if (publicNoArgConstructor(type) == null) {
            throw new DeploymentException(what + " needs a public no-argument constructor");
        }
    }

    /** The public constructor without parameters, or {@code null}. */
    static Constructor<?> publicNoArgConstructor(Class<?> type) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == 0) {
                return constructor;
            }
        }
        return null;
    }
}
