package dev.tether.servlet;

import org.example.servletapp.EchoEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The test web application ({@code org.example.servletapp}) laid out as an exploded WAR: its
 * compiled classes under {@code WEB-INF/classes}, and a {@code web.xml} that protects
 * {@code /secure/*} with BASIC authentication for role {@code chat}.
 */
final class TestWebApp {
    static final String USER = "alice";
    static final String PASSWORD = "wonderland";
    static final String ROLE = "chat";

    private TestWebApp() {
    }

    /** Writes the application ({@code org.example.servletapp}) into {@code docBase} and returns it. */
    static Path explode(Path docBase) throws IOException {
        return explode(docBase, "org.example.servletapp");
    }

    /** Writes an application made of the classes of {@code packageName} into {@code docBase}. */
    static Path explode(Path docBase, String packageName) throws IOException {
        Path classes = docBase.resolve("WEB-INF/classes");
        Path packageDir = Path.of(packageName.replace('.', '/'));
        Path source = testClasses().resolve(packageDir);
        Files.createDirectories(classes.resolve(packageDir));
        try (Stream<Path> files = Files.list(source)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> copy(f, classes.resolve(packageDir).resolve(f.getFileName())));
        }
        Files.writeString(docBase.resolve("WEB-INF/web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <security-constraint>
                    <web-resource-collection>
                      <web-resource-name>secure</web-resource-name>
                      <url-pattern>/secure/*</url-pattern>
                    </web-resource-collection>
                    <auth-constraint><role-name>chat</role-name></auth-constraint>
                  </security-constraint>
                  <login-config><auth-method>BASIC</auth-method></login-config>
                  <security-role><role-name>chat</role-name></security-role>
                </web-app>
                """);
        Files.writeString(docBase.resolve("index.txt"), "plain\n");
        return docBase;
    }

    private static Path testClasses() {
        try {
            return Path.of(EchoEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
