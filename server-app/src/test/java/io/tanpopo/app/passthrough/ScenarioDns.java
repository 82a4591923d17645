package io.tanpopo.app.passthrough;

import io.tanpopo.testsupport.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The DNS server of one scenario, running inside the server's namespace: BIND 9 with the seed's
 * zone, BIND 9 with only its built-in empty zones, dnsmasq answering private PTRs NXDOMAIN, or a
 * scripted server that never answers or answers as AS112.
 */
final class ScenarioDns implements AutoCloseable {

    /** The five scenarios of docs/resolution.md. */
    enum Kind {
        BIND_LOCAL_ZONE,
        BIND_EMPTY_ZONES,
        DNSMASQ_NXDOMAIN,
        SILENT,
        AS112
    }

    private final Process process;
    private final Path log;
    private final String address;

    private ScenarioDns(Process process, Path log, String address) {
        this.process = process;
        this.log = log;
        this.address = address;
    }

    static ScenarioDns start(Kind kind, String namespace, Path dir) throws IOException {
        return switch (kind) {
            case BIND_LOCAL_ZONE -> bind(namespace, dir, true);
            case BIND_EMPTY_ZONES -> bind(namespace, dir, false);
            case DNSMASQ_NXDOMAIN -> dnsmasq(namespace, dir);
            case SILENT -> scripted(namespace, dir, "silent");
            case AS112 -> scripted(namespace, dir, "as112");
        };
    }

    /** The value for {@code resolver.dns-servers}. */
    String address() {
        return address;
    }

    private static ScenarioDns bind(String namespace, Path dir, boolean seedZone) throws IOException {
        Path conf = dir.resolve("named.conf");
        List<String> lines = new ArrayList<>(List.of(
                "options {",
                "  directory \"" + dir + "\";",
                "  pid-file none;",
                "  listen-on port 53 { " + NetworkNamespaces.DNS_IP + "; };",
                "  listen-on-v6 { none; };",
                "  recursion yes;",
                "  allow-query { any; };",
                "  allow-recursion { any; };",
                "  dnssec-validation no;",
                "};"));
        if (seedZone) {
            // The seed's fix: a local reverse zone with a PTR for the LAN client.
            Files.write(
                    dir.resolve("db.10.200.0"),
                    List.of(
                            "$TTL 300",
                            "@ IN SOA ns.lan.example. hostmaster.lan.example. 1 3600 600 86400 300",
                            "@ IN NS ns.lan.example.",
                            "100 IN PTR client.lan.example."));
            lines.add("zone \"0.200.10.in-addr.arpa\" { type primary; file \"" + dir.resolve("db.10.200.0") + "\"; };");
        }
        Files.write(conf, lines);
        ScenarioDns dns = launch(
                List.of("named", "-g", "-c", conf.toString()),
                namespace,
                dir.resolve("named.log"),
                NetworkNamespaces.DNS_IP);
        dns.awaitLog("running");
        return dns;
    }

    private static ScenarioDns dnsmasq(String namespace, Path dir) throws IOException {
        ScenarioDns dns = launch(
                List.of(
                        "dnsmasq",
                        "--no-daemon",
                        "--no-resolv",
                        "--no-hosts",
                        "--conf-file=/dev/null",
                        "--listen-address=" + NetworkNamespaces.DNS_IP,
                        "--bind-interfaces",
                        "--port=53",
                        "--bogus-priv",
                        "--user=root",
                        "--pid-file=",
                        "--log-facility=-"),
                namespace,
                dir.resolve("dnsmasq.log"),
                NetworkNamespaces.DNS_IP);
        dns.awaitLog("started");
        return dns;
    }

    private static ScenarioDns scripted(String namespace, Path dir, String mode) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                NamespaceDns.class.getName(),
                mode);
        Process process = new ProcessBuilder(NetworkNamespaces.inside(namespace, command))
                .redirectError(dir.resolve("scripted-dns.log").toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            if (line == null || !line.startsWith("port ")) {
                throw new IllegalStateException("the scripted DNS server did not start: " + line);
            }
            return new ScenarioDns(process, dir.resolve("scripted-dns.log"), "127.0.0.1:" + line.substring(5));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static ScenarioDns launch(List<String> command, String namespace, Path log, String address)
            throws IOException {
        Process process = new ProcessBuilder(NetworkNamespaces.inside(namespace, command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ScenarioDns(process, log, address);
    }

    private void awaitLog(String word) {
        try {
            Await.until(Duration.ofSeconds(20), "the DNS server to log '" + word + "'", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the DNS server exited:\n" + log());
                }
                return log().contains(word);
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
