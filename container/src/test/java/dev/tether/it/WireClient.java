package dev.tether.it;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-driven WebSocket peer on a plain {@link Socket}, for tests that must send what no
 * well-behaved client would. Every read is bounded by a 10 s socket timeout.
 */
final class WireClient implements Closeable {
    static final int READ_TIMEOUT_MILLIS = 10_000;
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static WireClient connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new WireClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An upgrade request for {@code path} with the RFC 6455 sample key, plus extra header lines. */
    static String upgradeRequest(String path, String... extraHeaderLines) {
        StringBuilder sb = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(SAMPLE_KEY).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendAscii(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a valid upgrade for {@code path} and checks the 101. */
    void handshake(String path) throws IOException {
        sendAscii(upgradeRequest(path));
        Response response = readResponseHead();
        if (response.status() != 101) {
            throw new AssertionError("expected 101, got " + response.statusLine());
        }
    }

    /** A status line and its header fields; names are kept lower case. */
    record Response(String statusLine, int status, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        int contentLength() {
            String value = header("Content-Length");
            return value == null ? 0 : Integer.parseInt(value.trim());
        }
    }

    /** Reads an HTTP response head up to its blank line, a byte at a time (nothing after it is consumed). */
    Response readResponseHead() throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside the response head after " + lines);
            }
            if (++total > 64 * 1024) {
                throw new IOException("response head too long");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                break;
            }
            lines.add(text);
        }
        String statusLine = lines.get(0);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (String field : lines.subList(1, lines.size())) {
            int colon = field.indexOf(':');
            headers.computeIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(field.substring(colon + 1).trim());
        }
        return new Response(statusLine, status, headers);
    }

    byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new EOFException("wanted " + n + " bytes, the connection ended after " + bytes.length);
        }
        return bytes;
    }

    /**
     * Reads until the server closes the connection; true if it did (end of stream or reset),
     * false if it stayed open for the read timeout.
     */
    boolean awaitClosedByPeer() throws IOException {
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // discard whatever comes before the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // a reset also ends the connection
        }
    }

    /** One frame as read from the server; {@code rsv} holds the three reserved bits (RSV1 is 4). */
    record Frame(boolean fin, int opcode, boolean masked, byte[] payload, int rsv) {
        /** The close code of a close frame: the first two payload bytes, big-endian; 1005 if none. */
        int closeCode() {
            if (opcode != 0x8) {
                throw new AssertionError("not a close frame: opcode 0x" + Integer.toHexString(opcode));
            }
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    Frame readFrame() throws IOException {
        byte[] head = readExactly(2);
        boolean fin = (head[0] & 0x80) != 0;
        int opcode = head[0] & 0x0F;
        int rsv = (head[0] >> 4) & 0x07;
        boolean masked = (head[1] & 0x80) != 0;
        long length = head[1] & 0x7F;
        if (length == 126) {
            byte[] ext = readExactly(2);
            length = ((ext[0] & 0xFF) << 8) | (ext[1] & 0xFF);
        } else if (length == 127) {
            byte[] ext = readExactly(8);
            length = 0;
            for (byte b : ext) {
                length = (length << 8) | (b & 0xFF);
            }
        }
        if (length > 64 * 1024 * 1024) {
            throw new IOException("frame too long for a test: " + length);
        }
        byte[] key = masked ? readExactly(4) : null;
        byte[] payload = readExactly((int) length);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame(fin, opcode, masked, payload, rsv);
    }

    /** A client frame with a random mask; {@code firstByte} holds FIN, RSV and the opcode. */
    static byte[] maskedFrame(int firstByte, byte[] payload) {
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        writeLength(frame, 0x80, payload.length);
        frame.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        return frame.toByteArray();
    }

    /** A frame without a mask, as only a server may send; {@code firstByte} holds FIN, RSV and the opcode. */
    static byte[] unmaskedFrame(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        writeLength(frame, 0, payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** Only the header (with mask key) of a masked frame announcing {@code length} payload bytes. */
    static byte[] maskedHeader(int firstByte, long length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        writeLength(frame, 0x80, length);
        frame.writeBytes(new byte[] {0x11, 0x22, 0x33, 0x44});
        return frame.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream frame, int maskBit, long length) {
        if (length <= 125) {
            frame.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write((int) (length >>> 8) & 0xFF);
            frame.write((int) length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xFF);
            }
        }
    }

    static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return payload;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
