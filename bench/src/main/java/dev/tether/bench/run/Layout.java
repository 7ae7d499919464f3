package dev.tether.bench.run;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put things: the bench's classes (the jar, or {@code target/classes}) and the
 * {@code lib/} directory beside them. Immutable.
 */
public record Layout(Path benchClasses, Path lib, Path logs) {

    /** Found from the location this class was loaded from. */
    public static Layout detect() {
        try {
            Path classes = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            Path lib = target.resolve("lib");
            if (!Files.isDirectory(lib)) {
                throw new IllegalStateException(lib + " is missing: build with mvn package -pl bench -am");
            }
            return new Layout(classes, lib, target.resolve("bench-logs"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
