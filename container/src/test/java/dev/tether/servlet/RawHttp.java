package dev.tether.servlet;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Sends a hand-written HTTP request over a socket (TLS if given a context) and returns the answer (bounded). */
final class RawHttp {
    private RawHttp() {
    }

    /**
     * Writes {@code request} to the host and port of {@code server} and reads until a complete
     * response with a Content-Length, the peer's close, or 5 s.
     */
    static String exchange(URI server, SSLContext tls, String request) throws IOException {
        try (Socket socket = tls == null
                ? new Socket(server.getHost(), server.getPort())
                : tls.getSocketFactory().createSocket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) > 0 && response.size() < 65536; ) {
                    response.write(buffer, 0, n);
                    if (complete(response.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // Whatever arrived is the answer.
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether a response with a Content-Length has all of its body. */
    private static boolean complete(String response) {
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : response.substring(0, headEnd).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                int length = Integer.parseInt(line.substring(15).trim());
                return response.length() - headEnd - 4 >= length;
            }
        }
        return false;
    }
}
