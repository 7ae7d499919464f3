package dev.tether.bench.run;

import dev.tether.bench.Peer;
import dev.tether.bench.server.ServerMain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One peer's server in a child JVM ({@link ServerMain}), started through {@code sh} so that its
 * open-file limit is raised to the hard limit first. Its standard error goes to a log file; the
 * {@code BENCH} lines of its standard output are the replies to our commands. Used from one
 * thread.
 */
public final class PeerProcess implements AutoCloseable {
    private static final long READY_SECONDS = 60;

    private final Process process;
    private final int port;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    /** Heap after GC and live threads, as the server JVM reports them, and its resident set. */
    public record Stats(long heapBytes, int threads, long rssBytes) {
    }

    private PeerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "peer-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code peer} and waits until it listens.
     *
     * @param maxMessage the message size the server must accept, or 0 for its defaults
     */
    public static PeerProcess start(Peer peer, Layout layout, List<String> jvmFlags, int maxMessage, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n \"$(ulimit -Hn)\" && exec \"$@\"", "sh"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        if (maxMessage > 0) {
            command.add("-Dbench.maxMessage=" + maxMessage);
        }
        command.add("-cp");
        command.add(PeerClassPath.of(peer, layout.benchClasses(), layout.lib()));
        command.add(ServerMain.class.getName());
        command.add(peer.name());
        command.add(Integer.toString(port));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PeerProcess peerProcess = new PeerProcess(process, port);
        String reply = peerProcess.replies.poll(READY_SECONDS, TimeUnit.SECONDS);
        if (!"READY".equals(reply)) {
            peerProcess.close();
            throw new IOException(peer.label() + " did not start (" + reply + "); see " + log);
        }
        return peerProcess;
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("BENCH ")) {
                    replies.add(line.substring(6));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        replies.add("EXITED");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Whether the server JVM is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Asks the server for its heap after GC and thread count; reads its RSS from /proc. */
    public Stats stats() throws IOException, InterruptedException {
        commands.write("stats\n");
        commands.flush();
        String reply = replies.poll(60, TimeUnit.SECONDS);
        if (reply == null || !reply.startsWith("STATS ")) {
            throw new IOException("no stats from the server: " + reply);
        }
        String[] parts = reply.split(" ");
        return new Stats(Long.parseLong(parts[1]), Integer.parseInt(parts[2]), rss());
    }

    private long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** Kills the server at once, without its orderly stop, and waits until it has exited. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server, killing it if it does not exit within 10 s (or at once if interrupted). */
    @Override
    public void close() {
        try {
            commands.write("stop\n");
            commands.flush();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
