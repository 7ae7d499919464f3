package dev.tether.interop;

import jakarta.websocket.Extension;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Shared constants and small helpers of the interop tests. */
final class Interop {
    /** Message limit on every side: comfortably above the largest message the tests send. */
    static final int BIG = 8 * 1024 * 1024;
    static final String DEFLATE = "permessage-deflate";
    /** Commands to {@link EchoServerEndpoint} start with this character, which random text never holds. */
    static final char COMMAND = '\u0001';

    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-_/é€✓ü";

    private Interop() {
    }

    /** {@code length} characters, mostly ASCII with some two- and three-byte UTF-8 ones. */
    static String randomText(int length) {
        Random random = new Random(length);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new Random(31L * length + 7).nextBytes(data);
        return data;
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    static List<String> names(List<Extension> extensions) {
        return extensions.stream().map(Extension::getName).toList();
    }

    /** Makes a PKCS12 key store with a self-signed EC certificate for 127.0.0.1, alias "tether", password "changeit". */
    static void makeSelfSignedKeyStore(Path keyStoreFile) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path log = keyStoreFile.resolveSibling("keytool.log");
        Process process = new ProcessBuilder(List.of(keytool.toString(),
                "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1",
                "-alias", "tether", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStoreFile.toString(),
                "-storepass", "changeit", "-keypass", "changeit"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keytool did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + Files.readString(log));
        }
    }
}
