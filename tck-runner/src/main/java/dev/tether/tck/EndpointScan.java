package dev.tether.tck;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;

import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What an archive declares for the WebSocket container to consider (Jakarta WebSocket 2.2 §6.2):
 * its concrete {@code @ServerEndpoint} classes, concrete {@link ServerApplicationConfig}
 * implementations and concrete {@link Endpoint} subclasses. Only the archive's own classes are
 * scanned, never the class path; a class that cannot be loaded is skipped.
 *
 * @param annotated  concrete classes annotated {@code @ServerEndpoint}
 * @param appConfigs concrete {@code ServerApplicationConfig} implementations
 * @param endpoints  concrete {@code Endpoint} subclasses (client-side ones included)
 */
record EndpointScan(Set<Class<?>> annotated,
                    Set<Class<? extends ServerApplicationConfig>> appConfigs,
                    Set<Class<? extends Endpoint>> endpoints) {
    private static final System.Logger LOG = System.getLogger(EndpointScan.class.getName());

    EndpointScan {
        annotated = Collections.unmodifiableSet(new LinkedHashSet<>(annotated));
        appConfigs = Collections.unmodifiableSet(new LinkedHashSet<>(appConfigs));
        endpoints = Collections.unmodifiableSet(new LinkedHashSet<>(endpoints));
    }

    /** Loads (without initialising) every class of {@code contents} through {@code loader} and sorts them. */
    static EndpointScan of(ArchiveContents contents, ClassLoader loader) {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends ServerApplicationConfig>> appConfigs = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> endpoints = new LinkedHashSet<>();
        for (String name : contents.classNames()) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
                if (!isConcrete(c)) {
                    continue;
                }
                if (c.isAnnotationPresent(ServerEndpoint.class)) {
                    annotated.add(c);
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "skipping " + name + ": " + e);
                continue;
            }
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                appConfigs.add(c.asSubclass(ServerApplicationConfig.class));
            }
            if (Endpoint.class.isAssignableFrom(c)) {
                endpoints.add(c.asSubclass(Endpoint.class));
            }
        }
        return new EndpointScan(annotated, appConfigs, endpoints);
    }

    private static boolean isConcrete(Class<?> c) {
        return !c.isInterface() && !c.isAnnotation() && !c.isEnum() && !Modifier.isAbstract(c.getModifiers());
    }
}
