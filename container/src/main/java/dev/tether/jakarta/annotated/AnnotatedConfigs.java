package dev.tether.jakarta.annotated;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Builds the standard configuration objects from the class-level annotations of an annotated
 * endpoint (spec §4.1, §4.2).
 *
 * <p>A configurator named in the annotation is instantiated with its public no-argument
 * constructor, once per call; when the annotation names the API's base class itself (the
 * default), the builder's default is kept, which for a server is the platform's default
 * configurator found through {@code ServiceLoader}.
 *
 * <p>The path is not validated here beyond what the API's builder checks (a leading
 * {@code '/'}): the server parses it as a URI template when deploying, and this package does not
 * depend on the server's. Stateless and thread-safe.
 */
public final class AnnotatedConfigs {
    private AnnotatedConfigs() {
    }

    /**
     * The configuration of a {@code @ServerEndpoint} class: path, subprotocols, encoders,
     * decoders and configurator as the annotation says.
     *
     * <p>When the default configurator is used, the class must also have a public no-argument
     * constructor (spec §4.1), because that configurator creates the instances; a custom
     * configurator may create them its own way, so the constructor is not checked then.
     *
     * @throws DeploymentException if the class has no {@code @ServerEndpoint}, the path does not
     *                             start with {@code '/'}, the configurator cannot be created, or
     *                             (default configurator) there is no public no-argument constructor
     */
    public static ServerEndpointConfig serverConfig(Class<?> endpointClass) throws DeploymentException {
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint");
        }
        ServerEndpointConfig.Builder builder;
        try {
            builder = ServerEndpointConfig.Builder.create(endpointClass, annotation.value());
        } catch (RuntimeException e) {
            throw new DeploymentException(endpointClass.getName() + ": @ServerEndpoint path \""
                    + annotation.value() + "\" must start with '/'", e);
        }
        builder.subprotocols(List.of(annotation.subprotocols()))
                .encoders(List.of(annotation.encoders()))
                .decoders(List.of(annotation.decoders()));
        Class<? extends ServerEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ServerEndpointConfig.Configurator.class) {
            builder.configurator(instantiate(endpointClass, configurator));
        } else {
            requirePublicNoArgConstructor(endpointClass);
        }
        try {
            return builder.build();
        } catch (RuntimeException e) { // the API throws if no platform default configurator is installed
            throw new DeploymentException(endpointClass.getName() + ": cannot build its configuration: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The configuration of a {@code @ClientEndpoint} class: preferred subprotocols, encoders,
     * decoders and configurator as the annotation says.
     *
     * @throws DeploymentException if the class has no {@code @ClientEndpoint} or the
     *                             configurator cannot be created
     */
    public static ClientEndpointConfig clientConfig(Class<?> endpointClass) throws DeploymentException {
        ClientEndpoint annotation = endpointClass.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ClientEndpoint");
        }
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .encoders(List.of(annotation.encoders()))
                .decoders(List.of(annotation.decoders()));
        Class<? extends ClientEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ClientEndpointConfig.Configurator.class) {
            builder.configurator(instantiate(endpointClass, configurator));
        }
        return builder.build();
    }

    private static void requirePublicNoArgConstructor(Class<?> endpointClass) throws DeploymentException {
        try {
            if (Modifier.isPublic(endpointClass.getConstructor().getModifiers())) {
                return;
            }
        } catch (NoSuchMethodException e) {
            // reported below
        }
        throw new DeploymentException(endpointClass.getName()
                + ": a @ServerEndpoint class must have a public no-argument constructor");
    }

    private static <C> C instantiate(Class<?> endpointClass, Class<? extends C> type) throws DeploymentException {
        String prefix = endpointClass.getName() + ": cannot create configurator " + type.getName() + ": ";
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new DeploymentException(prefix + "it has no public no-argument constructor", e);
        } catch (InstantiationException e) {
            throw new DeploymentException(prefix + "it is abstract", e);
        } catch (IllegalAccessException e) {
            throw new DeploymentException(prefix + "it is not accessible (it must be public)", e);
        } catch (InvocationTargetException e) {
            throw new DeploymentException(prefix + "its constructor threw " + e.getCause(), e.getCause());
        } catch (RuntimeException | LinkageError e) {
            throw new DeploymentException(prefix + e, e);
        }
    }
}
