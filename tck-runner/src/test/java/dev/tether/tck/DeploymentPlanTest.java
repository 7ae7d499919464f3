package dev.tether.tck;

import jakarta.websocket.server.ServerEndpointConfig;
import org.example.wsapp.AppConfig;
import org.example.wsapp.BaseEndpoint;
import org.example.wsapp.EchoEndpoint;
import org.example.wsapp.ReverseEndpoint;
import org.example.wsapp.UpperEndpoint;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentPlanTest {

    private static EndpointScan scan(WebArchive war) {
        ArchiveContents contents = ArchiveContents.of(war);
        return EndpointScan.of(contents, new ArchiveClassLoader(war.getName(), contents,
                DeploymentPlanTest.class.getClassLoader()));
    }

    private static Set<String> names(Set<? extends Class<?>> classes) {
        return classes.stream().map(Class::getName).collect(Collectors.toSet());
    }

    @Test
    void scanFindsOnlyConcreteArchiveClasses() {
        EndpointScan scan = scan(TestArchives.withAppConfig("scan.war"));
        assertEquals(Set.of(EchoEndpoint.class.getName(), UpperEndpoint.class.getName()), names(scan.annotated()));
        assertEquals(Set.of(ReverseEndpoint.class.getName()), names(scan.endpoints()));
        assertEquals(Set.of(AppConfig.class.getName()), names(scan.appConfigs()));
        scan.annotated().forEach(c -> assertTrue(c.getClassLoader() instanceof ArchiveClassLoader));
    }

    @Test
    void withoutAppConfigEveryAnnotatedEndpointAndNoProgrammaticOne() throws Exception {
        DeploymentPlan plan = DeploymentPlan.of(scan(TestArchives.plain("plain.war")));
        assertEquals(Set.of(EchoEndpoint.class.getName(), UpperEndpoint.class.getName()), names(plan.annotated()));
        assertTrue(plan.configs().isEmpty());
    }

    @Test
    void withAppConfigWhatItChooses() throws Exception {
        DeploymentPlan plan = DeploymentPlan.of(scan(TestArchives.withAppConfig("configured.war")));
        assertEquals(Set.of(EchoEndpoint.class.getName()), names(plan.annotated()));
        assertEquals(Set.of("/reverse"), plan.configs().stream()
                .map(ServerEndpointConfig::getPath).collect(Collectors.toSet()));
    }

    @Test
    void abstractEndpointsAreNotOffered() throws Exception {
        EndpointScan scan = scan(TestArchives.withAppConfig("offered.war"));
        DeploymentPlan.of(scan);
        Class<?> appConfig = scan.appConfigs().iterator().next();
        @SuppressWarnings("unchecked")
        Set<String> offered = (Set<String>) appConfig.getField("OFFERED_ENDPOINTS").get(null);
        assertEquals(Set.of(ReverseEndpoint.class.getName()), offered);
        assertTrue(!offered.contains(BaseEndpoint.class.getName()));
        assertTrue(AppConfig.OFFERED_ENDPOINTS.isEmpty(), "the class-path copy is untouched");
    }
}
