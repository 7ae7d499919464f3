package dev.tether.bench.server;

import dev.tether.bench.Peer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of a server JVM: {@code ServerMain <peer> <port>}. Starts the peer's echo
 * server on 127.0.0.1, prints {@code BENCH READY}, then answers commands read line by line from
 * standard input: {@code stats} prints {@code BENCH STATS <heap bytes after GC> <live threads>};
 * {@code stop} (or the end of input) stops the server and exits. Only lines starting with
 * {@code BENCH} are meant for the runner; peers may log anything else.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Peer peer = Peer.parse(args[0]);
        int port = Integer.parseInt(args[1]);
        EchoServer server = (EchoServer) Class.forName(peer.serverClass()).getDeclaredConstructor().newInstance();
        try {
            server.start("127.0.0.1", port);
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("BENCH FAILED " + e);
            System.exit(2);
        }
        System.out.println("BENCH READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stats")) {
                System.out.println("BENCH STATS " + heapAfterGc() + " " + ManagementFactory.getThreadMXBean().getThreadCount());
                System.out.flush();
            } else if (line.equals("stop")) {
                break;
            }
        }
        try {
            server.stop();
        } finally {
            System.exit(0);
        }
    }

    /** Used heap after full collections; repeated because one may leave garbage found late. */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
