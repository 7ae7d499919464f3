package dev.tether.bench.run;

import dev.tether.bench.Peer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path of one peer's server JVM: the bench's own classes plus every jar under
 * {@code lib/} (laid out like a Maven repository) except those that belong to other peers or to
 * the runner alone. Keeps each peer's {@code ServiceLoader} registrations (such as the default
 * server configurator) away from the others.
 */
public final class PeerClassPath {
    private PeerClassPath() {
    }

    /** The class path string for {@code peer}. */
    public static String of(Peer peer, Path benchClasses, Path libDir) {
        try (Stream<Path> files = Files.walk(libDir)) {
            List<String> jars = files
                    .filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> belongsTo(peer, libDir.relativize(p).toString().replace(File.separatorChar, '/')))
                    .map(Path::toString)
                    .sorted()
                    .collect(Collectors.toList());
            jars.add(0, benchClasses.toString());
            return String.join(File.pathSeparator, jars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a jar, by its path relative to {@code lib/}, goes on {@code peer}'s class path. */
    static boolean belongsTo(Peer peer, String relativePath) {
        if (startsWithAny(relativePath, peer.ownJars())) {
            return true;
        }
        if (startsWithAny(relativePath, Peer.RUNNER_ONLY)) {
            return false;
        }
        for (Peer other : Peer.values()) {
            if (other != peer && startsWithAny(relativePath, other.ownJars())) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithAny(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
