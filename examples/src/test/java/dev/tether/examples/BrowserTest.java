package dev.tether.examples;

import dev.tether.server.Server;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A real browser against Tether: headless Chromium loads a page from the server, exchanges text
 * and binary messages up to 16 MiB with {@code /echo} (compressed, as Chromium always offers
 * permessage-deflate), closes with a code, and reports what it saw to {@code /report}.
 * Skipped, saying so, where no Chromium is installed ({@code .ci/run} installs Debian's).
 */
class BrowserTest {
    static final BlockingQueue<String> REPORTS = new LinkedBlockingQueue<>();

    @ServerEndpoint("/report")
    public static class ReportEndpoint {
        @OnMessage(maxMessageSize = 1024 * 1024)
        public void report(String text) {
            REPORTS.add(text);
        }
    }

    static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(candidate).canExecute()) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    @Test
    void chromiumExchangesMessagesWithTether(@TempDir Path profile) throws Exception {
        Path chromium = chromium();
        Assumptions.assumeTrue(chromium != null,
                "no Chromium at /usr/bin/chromium: the browser test is skipped (apt-get install chromium)");
        byte[] page;
        try (InputStream in = BrowserTest.class.getResourceAsStream("browser-check.html")) {
            page = in.readAllBytes();
        }
        Server server = Server.builder().host("127.0.0.1").port(0)
                .endpoint(EchoEndpoint.class).endpoint(ReportEndpoint.class)
                .page("/check", "text/html; charset=utf-8", page)
                .build();
        server.start();
        Process browser = null;
        try {
            browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--enable-logging=stderr", "--v=0",
                    "http://127.0.0.1:" + server.port() + "/check")
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            String report = REPORTS.poll(Long.getLong("browser.wait", 120), TimeUnit.SECONDS);
            assertNotNull(report, "no report from Chromium within 120 s; its log: " + log(profile));
            List<String> lines = List.of(report.split("\n"));
            assertEquals("extensions=permessage-deflate", lines.get(0), report);
            for (String line : lines.subList(1, lines.size() - 1)) {
                assertEquals("ok", line.substring(line.lastIndexOf(' ') + 1), line);
            }
            // The server answers a close by echoing its code and reason (RFC 6455 §5.5.1).
            assertEquals("close 4000 bye clean=true", lines.get(lines.size() - 1), report);
            assertEquals(18, lines.size(), report);
        } finally {
            if (browser != null) {
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            server.stop();
        }
    }

    private static String log(Path profile) {
        try {
            String log = Files.readString(profile.resolve("chromium.log"));
            return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
        } catch (Exception e) {
            return "(none)";
        }
    }
}
