package dev.tether.interop;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.stream.Stream;

/** One self-signed certificate for the whole test run, made with the JDK's keytool, and contexts around it. */
final class Tls {
    static final String PASSWORD = "changeit";
    private static Tls instance;

    final Path keyStoreFile;
    final SSLContext serverContext;
    /** Trusts exactly this run's certificate. */
    final SSLContext clientContext;

    private Tls(Path keyStoreFile, SSLContext serverContext, SSLContext clientContext) {
        this.keyStoreFile = keyStoreFile;
        this.serverContext = serverContext;
        this.clientContext = clientContext;
    }

    static synchronized Tls get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("tether-interop-tls");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path file = dir.resolve("ks.p12");
            Interop.makeSelfSignedKeyStore(file);
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keyStore.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, PASSWORD.toCharArray());
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("tether", keyStore.getCertificate("tether"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            instance = new Tls(file, server, client);
        }
        return instance;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: a temporary directory.
        }
    }
}
