package dev.tether.bench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServerClassesTest {

    @Test
    void theServersCopyOfTheJarHasNoClassPath(@TempDir Path dir) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/a.jar lib/b.jar");
        Path jar = dir.resolve("bench.jar");
        byte[] content = "not really a class".getBytes(StandardCharsets.UTF_8);
        try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw, manifest)) {
            out.putNextEntry(new ZipEntry("dev/tether/X.class"));
            out.write(content);
            out.closeEntry();
        }
        Path copy = ServerClasses.of(jar, dir.resolve("server").resolve("classes.jar"));
        try (JarFile result = new JarFile(copy.toFile())) {
            assertNull(result.getManifest());
            assertArrayEquals(content, result.getInputStream(result.getEntry("dev/tether/X.class")).readAllBytes());
        }
        assertEquals(copy, ServerClasses.of(jar, copy), "made again over the old copy");
    }

    @Test
    void aClassesDirectoryIsUsedAsItIs(@TempDir Path dir) throws Exception {
        assertEquals(dir, ServerClasses.of(dir, dir.resolve("unused.jar")));
    }
}
