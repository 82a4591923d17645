package io.tanpopo.resolver;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real dnsmasq on 127.0.0.1 and a free UDP port, serving only the records given. Fails with a
 * clear message when dnsmasq is missing or cannot start: CI installs it, tests must not skip.
 */
final class Dnsmasq implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/dnsmasq");
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts dnsmasq with extra options such as {@code --ptr-record=...}. */
    static Dnsmasq start(Path dir, List<String> records) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " not found: install dnsmasq (apt-get install dnsmasq-base)");
        }
        String lastLog = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freeUdpPort();
            Path log = dir.resolve("dnsmasq-" + port + ".log");
            Process process = new ProcessBuilder(command(port, records))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Dnsmasq dnsmasq = new Dnsmasq(process, port, log);
            if (dnsmasq.awaitReady()) {
                return dnsmasq;
            }
            lastLog = dnsmasq.log();
            dnsmasq.close();
        }
        throw new AssertionError("dnsmasq did not start after " + ATTEMPTS + " attempts; last log:\n" + lastLog);
    }

    private static List<String> command(int port, List<String> records) {
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--no-daemon",
                "--no-resolv",
                "--no-hosts",
                "--conf-file=/dev/null",
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--port=" + port,
                "--log-queries",
                "--log-facility=-",
                "--user=root",
                "--pid-file="));
        command.addAll(records);
        return command;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** Polls with a real query until dnsmasq answers, or it exits, or 5 s pass. */
    private boolean awaitReady() throws InterruptedException {
        SimpleResolver probe = new SimpleResolver(address());
        probe.setTimeout(Duration.ofMillis(100));
        Message query = Message.newQuery(
                Record.newRecord(Name.fromConstantString("1.0.0.127.in-addr.arpa."), Type.PTR, DClass.IN));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                probe.send(query);
                return true;
            } catch (IOException e) {
                // not listening yet
            }
        }
        return false;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The number of queries dnsmasq logged ({@code query[...]} lines), readiness probes included. */
    long loggedQueries(String name) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("query[") && line.contains(name))
                .count();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
