package dev.tether.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put things: the bench's classes as the server JVMs get them (see
 * {@link ServerClasses}) and the {@code lib/} directory beside the jar or {@code target/classes}.
 * Immutable.
 */
public record Layout(Path benchClasses, Path lib, Path logs) {

    /** Found from the location this class was loaded from; prepares the server JVMs' copy of the jar. */
    public static Layout detect() {
        try {
            Path classes = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            Path lib = target.resolve("lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(lib + " is missing: build with mvn package -pl bench -am");
            }
            Path serverClasses = ServerClasses.of(classes, target.resolve("bench-server").resolve("tether-bench-classes.jar"));
            return new Layout(serverClasses, lib, target.resolve("bench-logs"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
