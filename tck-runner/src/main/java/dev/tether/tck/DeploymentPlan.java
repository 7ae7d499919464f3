package dev.tether.tck;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The endpoints to deploy for an archive, chosen by the rules of the
 * {@link ServerApplicationConfig} javadoc (Jakarta WebSocket 2.2 §6.2): when the archive has
 * application configurations, the union of what each returns from
 * {@code getEndpointConfigs(all Endpoint subclasses)} and
 * {@code getAnnotatedEndpointClasses(all @ServerEndpoint classes)}; otherwise every
 * {@code @ServerEndpoint} class and no programmatic endpoint.
 *
 * @param annotated annotated endpoint classes to deploy
 * @param configs   programmatic endpoint configurations to deploy
 */
record DeploymentPlan(Set<Class<?>> annotated, Set<ServerEndpointConfig> configs) {

    DeploymentPlan {
        annotated = Collections.unmodifiableSet(new LinkedHashSet<>(annotated));
        configs = Collections.unmodifiableSet(new LinkedHashSet<>(configs));
    }

    /**
     * Applies the rules to a scan, instantiating each {@code ServerApplicationConfig}.
     *
     * @throws ReflectiveOperationException if an application configuration cannot be created
     */
    static DeploymentPlan of(EndpointScan scan) throws ReflectiveOperationException {
        if (scan.appConfigs().isEmpty()) {
            return new DeploymentPlan(scan.annotated(), Set.of());
        }
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
        for (Class<? extends ServerApplicationConfig> type : scan.appConfigs()) {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            ServerApplicationConfig app = constructor.newInstance();
            Set<ServerEndpointConfig> chosenConfigs =
                    app.getEndpointConfigs(new LinkedHashSet<Class<? extends Endpoint>>(scan.endpoints()));
            Set<Class<?>> chosenClasses = app.getAnnotatedEndpointClasses(new LinkedHashSet<>(scan.annotated()));
            if (chosenConfigs != null) {
                configs.addAll(chosenConfigs);
            }
            if (chosenClasses != null) {
                annotated.addAll(chosenClasses);
            }
        }
        return new DeploymentPlan(annotated, configs);
    }
}
