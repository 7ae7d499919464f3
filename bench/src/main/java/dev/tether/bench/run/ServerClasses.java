package dev.tether.bench.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bench's own classes as a server JVM must see them. The runnable jar's manifest names
 * every dependency in its {@code Class-Path}, and the JVM follows that attribute for any jar on
 * {@code -cp}: a server JVM given the jar would see every peer's jars, and the first
 * {@code ServiceLoader} registration on that path (the container default
 * {@code ServerEndpointConfig.Configurator}, for one) would be some other peer's. So the server
 * JVMs get a copy of the jar without its manifest. Stateless.
 */
public final class ServerClasses {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private ServerClasses() {
    }

    /**
     * {@code classes} itself when it is a directory; otherwise a copy of the jar without its
     * manifest, written to {@code copy} (replaced if present).
     */
    public static Path of(Path classes, Path copy) throws IOException {
        if (Files.isDirectory(classes)) {
            return classes;
        }
        Files.createDirectories(copy.toAbsolutePath().getParent());
        Path partial = copy.resolveSibling(copy.getFileName() + ".partial");
        try (InputStream raw = Files.newInputStream(classes);
             ZipInputStream in = new ZipInputStream(raw);
             OutputStream rawOut = Files.newOutputStream(partial);
             ZipOutputStream out = new ZipOutputStream(rawOut)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().equalsIgnoreCase(MANIFEST)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return Files.move(partial, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
