package dev.tether.jakarta;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/** Finds the actual type argument a class gives a generic interface, through its supertypes. */
final class GenericTypes {
    private GenericTypes() {
    }

    /**
     * The class bound to the single type parameter of {@code iface} by {@code type}'s hierarchy,
     * or null if it cannot be known (a lambda, or a variable left unbound).
     */
    static Class<?> typeArgument(Class<?> type, Class<?> iface) {
        return find(type, iface, new HashMap<>());
    }

    private static Class<?> find(Type type, Class<?> iface, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                bindings.put(vars[i], resolve(args[i], bindings));
            }
            if (raw == iface) {
                return toClass(bindings.get(vars[0]));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        for (Type t : raw.getGenericInterfaces()) {
            Class<?> found = find(t, iface, bindings);
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, iface, bindings);
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        return t instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : t;
    }

    private static Class<?> toClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }
}
