package dev.tether.tck;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The class-path view of a web archive: every file of {@code WEB-INF/classes/} and of each
 * {@code WEB-INF/lib/*.jar}, by its path relative to those roots, in class-path order
 * (classes first, then the libraries by name). A name may have several entries (a services
 * file in two libraries). An archive without {@code WEB-INF} counts as a single class root.
 *
 * <p>Nested libraries are read through ShrinkWrap's {@link ArchiveAsset} when they are
 * archives, else as zip streams. Immutable once read.
 */
final class ArchiveContents {
    private static final String CLASSES = "/WEB-INF/classes/";
    private static final String LIB = "/WEB-INF/lib/";

    /** One file on the archive's class path: where it came from, and its bytes. */
    record Entry(String origin, byte[] bytes) { }

    private final Map<String, List<Entry>> entries = new LinkedHashMap<>();

    private ArchiveContents() {
    }

    /**
     * Reads the class-path files of {@code archive}.
     *
     * @throws UncheckedIOException if an asset cannot be read
     */
    static ArchiveContents of(Archive<?> archive) {
        ArchiveContents contents = new ArchiveContents();
        Map<ArchivePath, Node> all = archive.getContent();
        boolean web = all.keySet().stream().anyMatch(p -> p.get().startsWith("/WEB-INF/"));
        Map<String, Asset> libraries = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> e : all.entrySet()) {
            String path = e.getKey().get();
            Asset asset = e.getValue().getAsset();
            if (asset == null) {
                continue;
            }
            if (!web) {
                contents.add(path.substring(1), "/", asset);
            } else if (path.startsWith(CLASSES)) {
                contents.add(path.substring(CLASSES.length()), "WEB-INF/classes", asset);
            } else if (isLibrary(path)) {
                libraries.put(path, asset);
            }
        }
        libraries.forEach(contents::addLibrary);
        return contents;
    }

    private static boolean isLibrary(String path) {
        return path.startsWith(LIB) && path.endsWith(".jar") && path.indexOf('/', LIB.length()) < 0;
    }

    private void addLibrary(String path, Asset asset) {
        String origin = path.substring(1);
        if (asset instanceof ArchiveAsset nested) {
            for (Map.Entry<ArchivePath, Node> e : nested.getArchive().getContent().entrySet()) {
                Asset inner = e.getValue().getAsset();
                if (inner != null) {
                    add(e.getKey().get().substring(1), origin, inner);
                }
            }
            return;
        }
        try (ZipInputStream zip = new ZipInputStream(asset.openStream())) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    put(entry.getName(), new Entry(origin, zip.readAllBytes()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private void add(String name, String origin, Asset asset) {
        try (InputStream in = asset.openStream()) {
            put(name, new Entry(origin, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + origin + "/" + name, e);
        }
    }

    private void put(String name, Entry entry) {
        entries.computeIfAbsent(name, n -> new ArrayList<>()).add(entry);
    }

    /** The first entry named {@code name} ({@code a/b/C.class}, {@code META-INF/x}), or null. */
    Entry first(String name) {
        List<Entry> found = entries.get(name);
        return found == null ? null : found.get(0);
    }

    /** Every entry named {@code name}, in class-path order. */
    List<Entry> all(String name) {
        return Collections.unmodifiableList(entries.getOrDefault(name, List.of()));
    }

    /** The binary names of the classes present, sorted ({@code module-info} and {@code package-info} excluded). */
    List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (name.endsWith(".class") && !name.endsWith("module-info.class")
                    && !name.endsWith("package-info.class") && !name.startsWith("META-INF/")) {
                names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        }
        Collections.sort(names);
        return names;
    }
}
