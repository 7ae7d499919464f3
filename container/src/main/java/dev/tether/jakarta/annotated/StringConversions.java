package dev.tether.jakarta.annotated;

import java.util.Map;
import java.util.function.Function;

/**
 * Turns text into a Java primitive or box, for whole text messages taken as primitives (spec
 * §4.7) and for {@code @PathParam} values (§4.3): "as if the public one-argument String
 * constructor of the box was used", which {@code valueOf(String)} does. {@code char} has no such
 * constructor; it takes the text's first character.
 *
 * <p>The functions throw {@link IllegalArgumentException} (including
 * {@link NumberFormatException}) when the text does not convert; callers turn that into a
 * {@code DecodeException}. Stateless and thread-safe.
 */
final class StringConversions {
    private static final Map<Class<?>, Function<String, Object>> CONVERSIONS = Map.ofEntries(
            Map.entry(String.class, s -> s),
            Map.entry(boolean.class, Boolean::valueOf),
            Map.entry(Boolean.class, Boolean::valueOf),
            Map.entry(char.class, StringConversions::toChar),
            Map.entry(Character.class, StringConversions::toChar),
            Map.entry(byte.class, Byte::valueOf),
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(short.class, Short::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(int.class, Integer::valueOf),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(float.class, Float::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(double.class, Double::valueOf),
            Map.entry(Double.class, Double::valueOf));

    private StringConversions() {
    }

    /** Whether {@code type} is one of the eight primitives or their boxes. */
    /** The box of a primitive type; any other type as it is. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    static boolean isPrimitiveOrBox(Class<?> type) {
        return type != String.class && CONVERSIONS.containsKey(type);
    }

    /** Whether {@code type} is {@code String}, a primitive or a box. */
    static boolean isConvertible(Class<?> type) {
        return CONVERSIONS.containsKey(type);
    }

    /** The conversion to {@code type}; only for types where {@link #isConvertible} holds. */
    static Function<String, Object> to(Class<?> type) {
        Function<String, Object> conversion = CONVERSIONS.get(type);
        if (conversion == null) {
            throw new IllegalArgumentException("no conversion from String to " + type.getName());
        }
        return conversion;
    }

    /** The first character, as Tyrus and the TCK take it; an empty text has none. */
    private static Character toChar(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a char needs a character, got an empty text");
        }
        return s.charAt(0);
    }

    /** At most 40 characters of {@code s}, for error messages about possibly large input. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
