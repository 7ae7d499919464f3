package dev.tether.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of the RFC 6455 opening handshake over a blocking {@link SocketChannel}:
 * a GET with a fresh random key, then a check of the 101 response (Upgrade, Connection,
 * {@code Sec-WebSocket-Accept} computed from the key) and of the extension the server chose.
 * Stateless; safe from any thread.
 */
public final class Handshake {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The longest response head accepted. */
    public static final int MAX_RESPONSE_HEAD = 8192;
    private static final int RESPONSE_TIMEOUT_MILLIS = 10_000;

    private Handshake() {
    }

    /** What the server agreed to. */
    public record Agreed(boolean deflate, boolean clientNoContextTakeover) {
    }

    /**
     * Performs the handshake on a connected, blocking channel.
     *
     * @param early receives, in write mode, any bytes the server sent after its response head
     *              (none from an echo server, which speaks only when spoken to); at least
     *              {@link #MAX_RESPONSE_HEAD} bytes free
     * @throws IOException when the response is not a valid acceptance, or on I/O failure
     */
    public static Agreed perform(SocketChannel channel, String hostPort, String path, boolean offerDeflate,
                                 ByteBuffer early) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostPort).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (offerDeflate) {
            request.append("Sec-WebSocket-Extensions: permessage-deflate\r\n");
        }
        request.append("\r\n");
        ByteBuffer out = ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return check(readHead(channel, early), key, offerDeflate);
    }

    /**
     * Reads up to the blank line in as few reads as the server allows (one byte at a time would
     * cost the load generator a system call per byte: a tax on the handshake figure), through the
     * socket adaptor so that a server that never answers (one at its connection limit) fails the
     * read after a timeout. Bytes past the head go to {@code early}.
     */
    private static String readHead(SocketChannel channel, ByteBuffer early) throws IOException {
        byte[] head = new byte[MAX_RESPONSE_HEAD];
        int length = 0;
        channel.socket().setSoTimeout(RESPONSE_TIMEOUT_MILLIS);
        InputStream in = channel.socket().getInputStream();
        while (true) {
            if (length == head.length) {
                throw new IOException("handshake response head too long");
            }
            int n;
            try {
                n = in.read(head, length, head.length - length);
            } catch (SocketTimeoutException e) {
                throw new IOException("no handshake response within " + RESPONSE_TIMEOUT_MILLIS + " ms", e);
            }
            if (n < 0) {
                throw new IOException("connection closed during the handshake");
            }
            int end = headEnd(head, Math.max(0, length - 3), length + n);
            length += n;
            if (end >= 0) {
                early.put(head, end, length - end);
                return new String(head, 0, end, StandardCharsets.ISO_8859_1);
            }
        }
    }

    /**
     * The index just past the first CRLFCRLF that ends in {@code bytes[from..to)}, or -1;
     * package-private for the tests.
     */
    static int headEnd(byte[] bytes, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Checks a complete response head; package-private for the tests. */
    static Agreed check(String head, String key, boolean offeredDeflate) throws IOException {
        String[] lines = head.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + lines[0]);
        }
        String accept = null;
        String upgrade = null;
        String connection = null;
        String extensions = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "sec-websocket-accept" -> accept = value;
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-extensions" -> extensions = extensions == null ? value : extensions + "," + value;
                default -> { }
            }
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new IOException("no Upgrade: websocket in the response");
        }
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw new IOException("no Connection: Upgrade in the response");
        }
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept: " + accept);
        }
        if (extensions == null || extensions.isBlank()) {
            return new Agreed(false, false);
        }
        if (!offeredDeflate) {
            throw new IOException("extension not offered: " + extensions);
        }
        boolean deflate = false;
        boolean clientNoContext = false;
        for (String part : extensions.split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.equals("permessage-deflate")) {
                deflate = true;
            } else if (p.equals("client_no_context_takeover")) {
                clientNoContext = true;
            } else if (p.startsWith("client_max_window_bits")) {
                throw new IOException("client_max_window_bits not offered: " + extensions);
            } else if (!p.equals("server_no_context_takeover") && !p.startsWith("server_max_window_bits")) {
                throw new IOException("unexpected extension answer: " + extensions);
            }
        }
        if (!deflate) {
            throw new IOException("unexpected extension: " + extensions);
        }
        return new Agreed(true, clientNoContext);
    }

    static String expectedAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(
                    sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
