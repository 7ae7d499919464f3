package dev.tether.jakarta.codec;

import java.util.Map;
import java.util.function.Function;

/**
 * The container's own conversions between text and Java primitives and their boxes, used when
 * no user encoder or decoder handles the type.
 *
 * <p>Decoding follows spec §4.7: as if the box's one-argument {@code String} constructor were
 * used, which {@code valueOf(String)} does; a primitive target gets its box (the caller unboxes).
 * {@code char} and {@code Character} have no such constructor; they take the text's first
 * character. Encoding is {@link String#valueOf(Object)}. Stateless and thread-safe.
 */
final class PrimitiveText {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class,
            char.class, Character.class,
            byte.class, Byte.class,
            short.class, Short.class,
            int.class, Integer.class,
            long.class, Long.class,
            float.class, Float.class,
            double.class, Double.class);

    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.of(
            Boolean.class, Boolean::valueOf,
            Character.class, PrimitiveText::toCharacter,
            Byte.class, Byte::valueOf,
            Short.class, Short::valueOf,
            Integer.class, Integer::valueOf,
            Long.class, Long::valueOf,
            Float.class, Float::valueOf,
            Double.class, Double::valueOf);

    private PrimitiveText() {
    }

    /** The box of a primitive type; any other type as it is. */
    static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? BOXES.getOrDefault(type, type) : type;
    }

    /** Whether {@code type} is one of the eight primitives or their boxes. */
    static boolean isPrimitiveOrBox(Class<?> type) {
        return PARSERS.containsKey(boxed(type));
    }

    /**
     * The value of {@code text} as the box of {@code type}.
     *
     * @throws IllegalArgumentException (including {@link NumberFormatException}) if the text
     *                                  does not convert, or the type is not a primitive or box
     */
    static Object parse(Class<?> type, String text) {
        Function<String, Object> parser = PARSERS.get(boxed(type));
        if (parser == null) {
            throw new IllegalArgumentException(type.getName() + " is not a primitive or a box");
        }
        return parser.apply(text);
    }

    private static Character toCharacter(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a char needs a character, got an empty text");
        }
        return text.charAt(0);
    }
}
