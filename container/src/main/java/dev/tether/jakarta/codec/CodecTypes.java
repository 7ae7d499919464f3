package dev.tether.jakarta.codec;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

/**
 * Finds the class a codec class gives the single type parameter of a generic interface such as
 * {@code Decoder.Text<T>}, following the class's superclasses and superinterfaces.
 *
 * <p>The search works one inheritance step at a time: it asks what the interface's argument is
 * in terms of a supertype's own type variables, then replaces those variables with the
 * arguments the subtype gives that supertype. So {@code class FooDecoder extends
 * JsonDecoder<Foo>} with {@code abstract class JsonDecoder<T> implements Decoder.Text<T>} yields
 * {@code Foo}.
 *
 * <p>A parameterized argument yields its raw class ({@code List<String>} gives {@code List}), a
 * generic array its array class, and a variable nobody binds the erasure of its first bound;
 * an unbounded variable (or one bounded only by {@code Object}) yields {@code null}: the type
 * cannot be determined. Stateless and thread-safe.
 */
final class CodecTypes {
    private CodecTypes() {
    }

    /**
     * The class {@code type} binds to the one type parameter of {@code iface}, or {@code null}
     * if {@code type} does not implement {@code iface} or the argument cannot be determined.
     */
    static Class<?> typeArgument(Class<?> type, Class<?> iface) {
        if (!iface.isAssignableFrom(type)) {
            return null;
        }
        return toClass(argumentIn(type, iface));
    }

    /**
     * The argument {@code iface} receives on the way up from {@code raw}, expressed with
     * {@code raw}'s own type variables; {@code null} if no supertype path reaches {@code iface}.
     */
    private static Type argumentIn(Class<?> raw, Class<?> iface) {
        if (raw == iface) {
            return iface.getTypeParameters()[0];
        }
        for (Type supertype : supertypesOf(raw)) {
            Class<?> superRaw = erase(supertype);
            if (superRaw == null || !iface.isAssignableFrom(superRaw)) {
                continue;
            }
            Type inSuper = argumentIn(superRaw, iface);
            if (inSuper != null) {
                return substitute(inSuper, superRaw, supertype);
            }
        }
        return null;
    }

    private static Type[] supertypesOf(Class<?> raw) {
        Type[] interfaces = raw.getGenericInterfaces();
        Type superclass = raw.getGenericSuperclass();
        if (superclass == null) {
            return interfaces;
        }
        Type[] all = new Type[interfaces.length + 1];
        System.arraycopy(interfaces, 0, all, 0, interfaces.length);
        all[interfaces.length] = superclass;
        return all;
    }

    /**
     * Replaces the type variables of {@code declaring} in {@code t} by the arguments that
     * {@code use} (how a subtype names {@code declaring}) gives them. A raw {@code use} binds
     * nothing, and the variable stays as it is.
     */
    private static Type substitute(Type t, Class<?> declaring, Type use) {
        if (t instanceof TypeVariable<?> variable && variable.getGenericDeclaration() == declaring
                && use instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = declaring.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                if (variables[i].equals(variable)) {
                    return parameterized.getActualTypeArguments()[i];
                }
            }
        }
        if (t instanceof GenericArrayType array) {
            Type component = substitute(array.getGenericComponentType(), declaring, use);
            return component instanceof Class<?> c ? c.arrayType() : new ArrayOf(component);
        }
        return t;
    }

    private static Class<?> erase(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Class<?> toClass(Type t) {
        if (t == null) {
            return null;
        }
        Class<?> erased = erase(t);
        if (erased != null) {
            return erased;
        }
        if (t instanceof GenericArrayType array) {
            Class<?> component = toClass(array.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        if (t instanceof TypeVariable<?> variable) {
            Class<?> bound = toClass(variable.getBounds()[0]);
            return bound == Object.class ? null : bound;
        }
        return null;
    }

    /** A generic array whose component type is still generic after substitution. */
    private record ArrayOf(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }
    }
}
