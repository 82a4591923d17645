package io.tanpopo.app.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.ServerProcess;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.HostileFlood;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a 256 MB heap, as an operator runs it, takes 1,000 hostile connections that flood
 * it before login (behind delayed failed logins, with long lines, endless lines and pipelined
 * commands) and stays alive, serves a normal login during and after, and holds little heap for
 * them. Prints the heap after a full GC before, under and after the flood.
 */
class PreLoginFloodTest {

    /** The last line of a class histogram: all live objects, counted right after the full GC it makes. */
    private static final Pattern LIVE = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private static final int CONNECTIONS = 1_000;
    /** Heap held under the flood beyond what the idle server holds: 1,000 connections at 64 KB each. */
    private static final long MAX_GROWTH = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void thousandHostileConnections_leaveA256MbServerAlive_serving_andItsHeapFlat() throws Exception {
        long files = ((com.sun.management.UnixOperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assertThat(files)
                .as("open files limit (ulimit -n) for 1,000 connections here and in the server")
                .isGreaterThan(CONNECTIONS + 500L);
        Path config = dir.resolve("flood.properties");
        // Default limits but one more connection than the flood, for the well-behaved client.
        Files.writeString(
                config,
                "pop3.port=0\nauth.users=alice:secret\nresolver.strategies=none\n" + "limits.connections="
                        + (CONNECTIONS + 10) + "\nshutdown.grace=0s\n");
        try (ServerProcess server = ServerProcess.serve(config, dir.resolve("server.log"), "-Xmx256m")) {
            assertLogsIn(server);
            long before = heapAfterGc(server);
            long under;
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            // 25 addresses, 40 connections each: under the default limit of 50 per address.
            try (HostileFlood flood = HostileFlood.start(
                    address, HostileFlood.loopbackSources(25), CONNECTIONS, Duration.ofSeconds(20))) {
                Await.until(
                        Duration.ofSeconds(60),
                        "the flood to push 300 MB",
                        () -> flood.sent() > 300L << 20
                                || flood.ended()
                                || !server.process().isAlive());
                assertThat(server.process().isAlive())
                        .as("the server process is alive")
                        .isTrue();
                assertThat(flood.open()).as("hostile connections open").isGreaterThan(CONNECTIONS * 9 / 10);
                assertLogsIn(server);
                under = heapAfterGc(server);
                System.out.printf(
                        "pre-login flood: %d connections (%d opened), %d MB sent%n",
                        flood.open(), flood.connects(), flood.sent() >> 20);
                flood.awaitEnd(Duration.ofSeconds(60));
            }
            assertLogsIn(server);
            long after = heapAfterGc(server);
            System.out.printf(
                    "live heap after a full GC (-Xmx256m): before the flood %d KB, under %d hostile connections "
                            + "%d KB, after %d KB%n",
                    before >> 10, CONNECTIONS, under >> 10, after >> 10);
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            assertThat(under - before).as("heap held for the flood").isLessThan(MAX_GROWTH);
        }
    }

    /** USER/PASS/QUIT as a normal client, answered within 30 s. */
    private static void assertLogsIn(ServerProcess server) throws IOException {
        try {
            logIn(server);
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "no login within 30 s; the server process is "
                            + (server.process().isAlive() ? "alive" : "gone") + ", its log "
                            + (server.log().contains("OutOfMemoryError") ? "shows" : "does not show")
                            + " OutOfMemoryError",
                    e);
        }
    }

    private static void logIn(ServerProcess server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 30_000);
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("+OK");
            assertThat(command(in, out, "USER alice")).startsWith("+OK");
            assertThat(command(in, out, "PASS secret")).startsWith("+OK Logged in");
            assertThat(command(in, out, "QUIT")).startsWith("+OK");
        }
    }

    private static String command(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return String.valueOf(in.readLine());
    }

    /**
     * The child's live heap, through the JDK's jcmd: the class histogram's total, taken in the
     * pause of its own full GC (the used heap reported a moment after a GC would count what the
     * flood allocated meanwhile).
     */
    private static long heapAfterGc(ServerProcess server) throws IOException, InterruptedException {
        Matcher live = LIVE.matcher(jcmd(server, "GC.class_histogram"));
        assertThat(live.find()).as("jcmd GC.class_histogram shows a total").isTrue();
        return Long.parseLong(live.group(1));
    }

    private static String jcmd(ServerProcess server, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(
                        jcmd.toString(), String.valueOf(server.process().pid()), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("jcmd " + command + " ends")
                .isTrue();
        assertThat(process.exitValue()).as("jcmd " + command + ":\n" + output).isZero();
        return output;
    }
}
