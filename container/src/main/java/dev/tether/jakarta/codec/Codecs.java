package dev.tether.jakarta.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The encoders and decoders of one session, with one lifecycle: opened when the session is
 * created (every instance constructed and {@code init}ed), closed when the session closes
 * (every instance {@code destroy}ed, once).
 *
 * <p>Threading: {@link #encoders()} may be used from any sending thread, {@link #decoders()}
 * from the session's delivery thread; see those classes. {@link #close} may be called from any
 * thread, any number of times; it waits for an encoding or decoding in progress on each
 * instance before destroying it, and later {@code encode}/{@code decode} calls throw
 * {@code IllegalStateException}.
 */
public final class Codecs implements AutoCloseable {
    private final Encoders encoders;
    private final Decoders decoders;
    private final AtomicBoolean closed = new AtomicBoolean();

    Codecs(Encoders encoders, Decoders decoders) {
        this.encoders = encoders;
        this.decoders = decoders;
    }

    /**
     * Checks encoder and decoder classes against the deployment rules, for deploying an
     * endpoint; {@link CodecPlan#of(List, List)} does the same and keeps the result.
     *
     * @throws DeploymentException naming the first class that breaks a rule, and the rule
     */
    public static void validate(List<Class<? extends Encoder>> encoders, List<Class<? extends Decoder>> decoders)
            throws DeploymentException {
        CodecPlan.of(encoders, decoders);
    }

    /**
     * One session's codecs for {@code config}'s encoder and decoder classes: checks the classes
     * and then does {@link CodecPlan#open}. Prefer a {@link CodecPlan} kept from deployment when
     * there is one, which does the checks once.
     *
     * @throws DeploymentException if a class breaks a rule, or its constructor or {@code init}
     *                             fails (nothing is left initialized)
     */
    public static Codecs open(EndpointConfig config) throws DeploymentException {
        return CodecPlan.of(config).open(config);
    }

    /** The session's encoders, for {@code sendObject} and {@code @OnMessage} return values. */
    public Encoders encoders() {
        return encoders;
    }

    /** The session's decoders, for handlers and {@code @OnMessage} methods of decoded types. */
    public Decoders decoders() {
        return decoders;
    }

    /**
     * Destroys every encoder, then every decoder, each once, in declaration order. Idempotent;
     * never throws (a failing {@code destroy()} is logged).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            encoders.close();
            decoders.close();
        }
    }
}
