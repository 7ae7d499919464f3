package dev.tether.servlet;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The endpoints a web application deploys, chosen from the classes the servlet container found
 * for {@link TetherServletContainerInitializer}'s {@code @HandlesTypes} by the rules of
 * Jakarta WebSocket 2.2 §6.2 and the {@link ServerApplicationConfig} javadoc: when the
 * application has concrete {@code ServerApplicationConfig} classes, the union of what each
 * returns from {@code getEndpointConfigs(concrete Endpoint subclasses)} and
 * {@code getAnnotatedEndpointClasses(concrete @ServerEndpoint classes)}; otherwise every
 * concrete {@code @ServerEndpoint} class and no programmatic endpoint.
 *
 * <p>Tether's own classes (when its jar is inside the application) are never candidates.
 *
 * @param annotated annotated endpoint classes to deploy
 * @param configs   programmatic endpoint configurations to deploy
 */
record WebAppEndpoints(Set<Class<?>> annotated, Set<ServerEndpointConfig> configs) {

    WebAppEndpoints {
        annotated = Collections.unmodifiableSet(new LinkedHashSet<>(annotated));
        configs = Collections.unmodifiableSet(new LinkedHashSet<>(configs));
    }

    /**
     * Applies the rules to the classes found; {@code found} may be null (nothing found).
     *
     * @throws IllegalStateException if a {@code ServerApplicationConfig} cannot be created
     */
    static WebAppEndpoints of(Set<Class<?>> found) {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> endpoints = new LinkedHashSet<>();
        Set<Class<? extends ServerApplicationConfig>> appConfigs = new LinkedHashSet<>();
        for (Class<?> c : found == null ? Set.<Class<?>>of() : found) {
            if (!isConcrete(c) || c.getName().startsWith("dev.tether.")) {
                continue;
            }
            if (c.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(c);
            }
            if (Endpoint.class.isAssignableFrom(c)) {
                endpoints.add(c.asSubclass(Endpoint.class));
            }
            if (ServerApplicationConfig.class.isAssignableFrom(c)) {
                appConfigs.add(c.asSubclass(ServerApplicationConfig.class));
            }
        }
        if (appConfigs.isEmpty()) {
            return new WebAppEndpoints(annotated, Set.of());
        }
        Set<Class<?>> chosenClasses = new LinkedHashSet<>();
        Set<ServerEndpointConfig> chosenConfigs = new LinkedHashSet<>();
        for (Class<? extends ServerApplicationConfig> type : appConfigs) {
            ServerApplicationConfig app = instantiate(type);
            Set<ServerEndpointConfig> configs = app.getEndpointConfigs(new LinkedHashSet<>(endpoints));
            Set<Class<?>> classes = app.getAnnotatedEndpointClasses(new LinkedHashSet<>(annotated));
            if (configs != null) {
                chosenConfigs.addAll(configs);
            }
            if (classes != null) {
                chosenClasses.addAll(classes);
            }
        }
        return new WebAppEndpoints(chosenClasses, chosenConfigs);
    }

    private static ServerApplicationConfig instantiate(Class<? extends ServerApplicationConfig> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + " failed in its constructor", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(type.getName()
                    + " cannot be created: a ServerApplicationConfig needs a no-argument constructor", e);
        }
    }

    private static boolean isConcrete(Class<?> c) {
        return !c.isInterface() && !c.isAnnotation() && !c.isEnum() && !Modifier.isAbstract(c.getModifiers());
    }
}
