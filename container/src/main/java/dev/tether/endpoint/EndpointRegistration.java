package dev.tether.endpoint;

import dev.tether.jakarta.TetherSession;
import dev.tether.jakarta.annotated.AnnotatedEndpointModel;
import dev.tether.jakarta.codec.CodecPlan;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Set;

/**
 * One deployed server endpoint: its configuration, its path template, its checked encoder and
 * decoder classes, its annotated model (null for a programmatic {@link Endpoint}), and the
 * open sessions it has.
 * Immutable apart from the session group, which is thread-safe.
 */
public record EndpointRegistration(ServerEndpointConfig config, UriTemplate template, CodecPlan codecs,
                            AnnotatedEndpointModel model, Set<Session> sessions) {

    public EndpointRegistration(ServerEndpointConfig config, UriTemplate template, CodecPlan codecs,
                                AnnotatedEndpointModel model) {
        this(config, template, codecs, model, TetherSession.newGroup());
    }

    /** A new endpoint for one connection, from the configurator's instance. */
    public Endpoint newEndpoint() throws InstantiationException {
        Object instance = config.getConfigurator().getEndpointInstance(config.getEndpointClass());
        if (model != null) {
            return model.newEndpoint(instance);
        }
        return (Endpoint) instance;
    }
}
