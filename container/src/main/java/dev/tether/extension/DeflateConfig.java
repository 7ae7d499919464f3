package dev.tether.extension;

import java.util.zip.Deflater;

/**
 * How a container uses permessage-deflate. Immutable; every default is here.
 *
 * @param enabled     whether a server accepts the extension when a client offers it
 *                    ({@code tether.permessageDeflate}, default true); a client offers it only
 *                    when its endpoint configuration lists it
 * @param level       the compression level ({@code tether.deflateLevel}, default
 *                    {@link Deflater#DEFAULT_COMPRESSION})
 * @param minimumSize messages smaller than this many bytes are sent uncompressed
 *                    ({@code tether.deflateMinimumSize}, default 128)
 */
public record DeflateConfig(boolean enabled, int level, int minimumSize) {
    public static final DeflateConfig DEFAULT = new DeflateConfig(true, Deflater.DEFAULT_COMPRESSION, 128);

    public DeflateConfig {
        if (level != Deflater.DEFAULT_COMPRESSION && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("compression level must be -1 or 0-9, not " + level);
        }
        if (minimumSize < 0) {
            throw new IllegalArgumentException("minimum size must not be negative");
        }
    }

    /** The defaults, overridden by the {@code tether.*} system properties named above. */
    public static DeflateConfig fromSystemProperties() {
        return new DeflateConfig(
                Boolean.parseBoolean(System.getProperty("tether.permessageDeflate", Boolean.toString(DEFAULT.enabled))),
                Integer.getInteger("tether.deflateLevel", DEFAULT.level),
                Integer.getInteger("tether.deflateMinimumSize", DEFAULT.minimumSize));
    }

    public DeflateConfig withEnabled(boolean on) {
        return new DeflateConfig(on, level, minimumSize);
    }

    /** A codec for one connection that agreed on {@code parameters}. */
    public DeflateCodec newCodec(DeflateParameters parameters, boolean client) {
        return new DeflateCodec(parameters, client, level, minimumSize);
    }
}
