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
    private static final int MAX_RESPONSE_HEAD = 8192;
    private static final int RESPONSE_TIMEOUT_MILLIS = 10_000;

    private Handshake() {
    }

    /** What the server agreed to. */
    public record Agreed(boolean deflate, boolean clientNoContextTakeover) {
    }

    /**
     * Performs the handshake on a connected, blocking channel. Reads exactly the response head,
     * so no frame byte is consumed.
     *
     * @throws IOException when the response is not a valid acceptance, or on I/O failure
     */
    public static Agreed perform(SocketChannel channel, String hostPort, String path, boolean offerDeflate)
            throws IOException {
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
        return check(readHead(channel), key, offerDeflate);
    }

    /**
     * Reads one byte at a time up to the blank line, through the socket adaptor so that a server
     * that never answers (one at its connection limit) fails the read after a timeout.
     */
    private static String readHead(SocketChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAX_RESPONSE_HEAD);
        channel.socket().setSoTimeout(RESPONSE_TIMEOUT_MILLIS);
        InputStream in = channel.socket().getInputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new IOException("no handshake response within " + RESPONSE_TIMEOUT_MILLIS + " ms", e);
            }
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            if (!head.hasRemaining()) {
                throw new IOException("handshake response head too long");
            }
            head.put((byte) b);
            int n = head.position();
            if (n >= 4 && head.get(n - 4) == '\r' && head.get(n - 3) == '\n'
                    && head.get(n - 2) == '\r' && head.get(n - 1) == '\n') {
                return new String(head.array(), 0, n, StandardCharsets.ISO_8859_1);
            }
        }
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
