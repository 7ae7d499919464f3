/**
 * Encoders and decoders of a session (Jakarta WebSocket 2.2, spec §4.1.2, §4.1.3, §4.2.1,
 * §4.2.2 and the {@code Encoder}, {@code Decoder} and {@code RemoteEndpoint} Javadoc).
 *
 * <p>An endpoint's classes become a {@link dev.tether.jakarta.codec.CodecPlan} at deployment
 * (checked, object types worked out); each session {@linkplain
 * dev.tether.jakarta.codec.CodecPlan#open opens} its own {@link dev.tether.jakarta.codec.Codecs}:
 * new instances, {@code init} once, {@code destroy} once on {@link
 * dev.tether.jakarta.codec.Codecs#close close}. {@link dev.tether.jakarta.codec.Encoders} turns
 * objects into {@code String} or {@code ByteBuffer} messages, {@link
 * dev.tether.jakarta.codec.Decoders} turns whole messages into the objects handlers want.
 *
 * <p>Written against the standard {@code jakarta.websocket} API only; knows nothing of
 * sessions, connections or frames.
 */
package dev.tether.jakarta.codec;
