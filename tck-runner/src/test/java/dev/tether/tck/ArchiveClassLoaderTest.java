package dev.tether.tck;

import jakarta.websocket.server.ServerEndpoint;
import org.example.wsapp.AppConfig;
import org.example.wsapp.EchoEndpoint;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveClassLoaderTest {
    private final ArchiveClassLoader loader = new ArchiveClassLoader("app.war",
            ArchiveContents.of(TestArchives.withAppConfig("app.war")), getClass().getClassLoader());

    @Test
    void archiveClassesAreLoadedChildFirst() throws Exception {
        Class<?> echo = loader.loadClass(EchoEndpoint.class.getName());
        assertNotSame(EchoEndpoint.class, echo);
        assertSame(loader, echo.getClassLoader());
        assertSame(echo, loader.loadClass(EchoEndpoint.class.getName()));
        assertNotNull(echo.getPackage());
    }

    @Test
    void librariesAreOnTheArchiveClassPath() throws Exception {
        Class<?> config = loader.loadClass(AppConfig.class.getName());
        assertNotSame(AppConfig.class, config);
        try (InputStream in = loader.getResourceAsStream("META-INF/tether-test.txt")) {
            assertEquals("from the library", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void sharedApisComeFromTheParent() throws Exception {
        Class<?> echo = loader.loadClass(EchoEndpoint.class.getName());
        assertSame(ServerEndpoint.class, loader.loadClass(ServerEndpoint.class.getName()));
        assertTrue(echo.isAnnotationPresent(ServerEndpoint.class));
        assertSame(ArchiveClassLoader.class, loader.loadClass(ArchiveClassLoader.class.getName()));
    }

    @Test
    void classesTheArchiveLacksComeFromTheParent() throws Exception {
        assertSame(Test.class, loader.loadClass(Test.class.getName()));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.example.wsapp.Missing"));
    }

    @Test
    void resourcesTheArchiveLacksComeFromTheParent() throws Exception {
        String service = "META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator";
        assertNotNull(loader.getResource(service));
        List<URL> all = Collections.list(loader.getResources(service));
        assertTrue(all.size() >= 1);
        URL own = loader.getResource(EchoEndpoint.class.getName().replace('.', '/') + ".class");
        assertEquals("tether-archive", own.getProtocol());
    }

    @Test
    void staticsAreNotSharedWithTheClassPath() throws Exception {
        Class<?> echo = loader.loadClass(EchoEndpoint.class.getName());
        EchoEndpoint.messages = 41;
        assertEquals(0, echo.getField("messages").getInt(null));
    }
}
