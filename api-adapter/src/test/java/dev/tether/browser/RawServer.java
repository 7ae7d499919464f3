package dev.tether.browser;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A misbehaving peer: a plain TCP server on 127.0.0.1 that runs a script for each connection,
 * speaking HTTP and WebSocket frames by hand. Every read times out after 10 s, and closing the
 * server closes its connections and waits (bounded) for its threads.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with one connection. */
    interface Script {
        void run(Connection connection) throws Exception;
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    /** Completes with the first connection's request headers. */
    final CompletableFuture<Map<String, String>> firstRequest = new CompletableFuture<>();

    RawServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "raw-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "ws://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            Thread thread = new Thread(() -> serve(socket), "raw-server-connection");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            script.run(new Connection(socket));
        } catch (Exception e) {
            if (!server.isClosed()) {
                failures.add(e);
            }
        }
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        try {
            acceptor.join(5_000);
            List<Thread> running;
            synchronized (threads) {
                running = List.copyOf(threads);
            }
            for (Thread thread : running) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A frame as read from the client, unmasked. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, or 1005 for an empty close payload. */
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    /** One accepted connection. */
    final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        Map<String, String> headers;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads the request head; header names lower case, repeated headers joined with ", ". */
        Map<String, String> readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int lastFour = 0;
            while (lastFour != 0x0D0A0D0A) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the client left during its request");
                }
                head.write(b);
                lastFour = (lastFour << 8) | b;
                if (head.size() > 16_384) {
                    throw new IOException("request head too long");
                }
            }
            Map<String, String> result = new TreeMap<>();
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            result.put(":request-line", lines[0]);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    result.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
                }
            }
            headers = result;
            firstRequest.complete(result);
            return result;
        }

        String accept() {
            return acceptFor(headers.get("sec-websocket-key"));
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Reads the request and answers 101 with a correct accept key and the extra header lines. */
        void handshake(String... extraHeaderLines) throws IOException {
            readRequest();
            StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept() + "\r\n");
            for (String line : extraHeaderLines) {
                response.append(line).append("\r\n");
            }
            write(response.append("\r\n").toString());
        }

        Frame readFrame() throws IOException {
            int b0 = readByte();
            int b1 = readByte();
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
        }

        /** Reads frames until a close frame, which it returns. */
        Frame readUntilClose() throws IOException {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == 0x8) {
                    return frame;
                }
            }
        }

        private int readByte() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection");
            }
            return b;
        }

        private void readFully(byte[] target) throws IOException {
            int done = 0;
            while (done < target.length) {
                int n = in.read(target, done, target.length - done);
                if (n < 0) {
                    throw new EOFException("the client closed the connection");
                }
                done += n;
            }
        }

        /** Writes one unmasked, final frame (payload under 65,536 bytes). */
        void writeFrame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xFF);
            }
            frame.write(payload, 0, payload.length);
            out.write(frame.toByteArray());
            out.flush();
        }

        void writeText(String text) throws IOException {
            writeFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        void writeClose(int code, String reason) throws IOException {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + r.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(r, 0, payload, 2, r.length);
            writeFrame(0x8, payload);
        }

        void writeEmptyClose() throws IOException {
            writeFrame(0x8, new byte[0]);
        }

        /** Waits (bounded by the read timeout) until the client closes the TCP connection. */
        void awaitEof() throws IOException {
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // discard
            }
        }

        void sleep(long millis) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }
}
