package dev.tether.jakarta.codec;

/**
 * One thing a codec class does: {@code codecClass} implements {@code form} for objects of
 * {@code messageType}. A class implementing, say, both {@code Decoder.Text<Foo>} and
 * {@code Decoder.Binary<Foo>} has two roles. Immutable.
 */
record CodecRole(Class<?> codecClass, CodecForm form, Class<?> messageType) {
}
