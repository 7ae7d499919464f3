package dev.tether.tck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A child-first class loader over an {@link ArchiveContents}: a class or resource that the
 * archive holds comes from the archive, even when the parent has one of the same name, so an
 * application's classes (and their statics) are never shared with the test's copies. The
 * platform and shared APIs ({@code java.}, {@code javax.}, {@code jakarta.}, Grizzly, Tether)
 * always come from the parent. Resources the archive lacks are looked up in the parent, and
 * {@link #getResources} lists the archive's first, then the parent's.
 */
final class ArchiveClassLoader extends ClassLoader {
    private static final List<String> PARENT_FIRST =
            List.of("java.", "javax.", "jakarta.", "org.glassfish.grizzly.", "dev.tether.");

    static {
        registerAsParallelCapable();
    }

    private final String archiveName;
    private final ArchiveContents contents;

    ArchiveClassLoader(String archiveName, ArchiveContents contents, ClassLoader parent) {
        super("archive:" + archiveName, parent);
        this.archiveName = archiveName;
        this.contents = contents;
    }

    static boolean isParentFirst(String className) {
        for (String prefix : PARENT_FIRST) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isParentFirst(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                ArchiveContents.Entry entry = contents.first(classFile(name));
                c = entry != null ? define(name, entry.bytes()) : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ArchiveContents.Entry entry = contents.first(classFile(name));
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        return define(name, entry.bytes());
    }

    private Class<?> define(String name, byte[] bytes) {
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefined) {
                    // another thread defined it first
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        Enumeration<URL> own = findResources(name);
        while (own.hasMoreElements()) {
            urls.add(own.nextElement());
        }
        ClassLoader parent = getParent();
        Enumeration<URL> inherited = parent != null ? parent.getResources(name) : getSystemResources(name);
        while (inherited.hasMoreElements()) {
            urls.add(inherited.nextElement());
        }
        return Collections.enumeration(urls);
    }

    @Override
    protected URL findResource(String name) {
        ArchiveContents.Entry entry = contents.first(name);
        return entry == null ? null : url(name, entry);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        List<URL> urls = new ArrayList<>();
        for (ArchiveContents.Entry entry : contents.all(name)) {
            urls.add(url(name, entry));
        }
        return Collections.enumeration(urls);
    }

    private URL url(String name, ArchiveContents.Entry entry) {
        try {
            return new URL("tether-archive", null, -1,
                    "/" + archiveName + "/" + entry.origin() + "!/" + name, new BytesHandler(entry.bytes()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot name resource " + name, e);
        }
    }

    @Override
    public String toString() {
        return "ArchiveClassLoader[" + archiveName + "]";
    }

    /** Serves one resource's bytes to {@link URL#openStream()}. */
    private static final class BytesHandler extends URLStreamHandler {
        private final byte[] bytes;

        BytesHandler(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        protected URLConnection openConnection(URL u) {
            return new URLConnection(u) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public long getContentLengthLong() {
                    return bytes.length;
                }
            };
        }
    }
}
