package io.tanpopo.app.passthrough;

import static io.tanpopo.app.passthrough.NetworkNamespaces.CLIENT_IP;
import static io.tanpopo.app.passthrough.NetworkNamespaces.SERVER_IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.ServerProcess;
import io.tanpopo.app.passthrough.ScenarioDns.Kind;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.RequiresProgram;
import io.tanpopo.testsupport.RequiresRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's story with the defaults ({@code resolver.pass-through=auto}), against real DNS servers
 * in network namespaces of the test's own: tanpopo's {@code serve}, {@code resolve} and
 * {@code doctor} run in the server's namespace, a client logs in from 10.200.0.100 in another. For
 * each DNS server: the name in the session log, greeting and login times (medians, printed for
 * docs/resolution.md; only the silent server's are bounded), and what resolve and doctor say.
 */
@RequiresRoot("creates network namespaces")
@RequiresProgram(value = "ip", debianPackage = "iproute2")
@RequiresProgram(value = "named", debianPackage = "bind9")
@RequiresProgram(value = "dnsmasq", debianPackage = "dnsmasq-base")
class PrivateZoneScenariosTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final int LOGINS = 5;
    private static final Pattern SESSION_NAME =
            Pattern.compile("client=" + Pattern.quote(CLIENT_IP) + "\\S* name=(\\S+)");
    private static final Map<Kind, String> TABLE = new ConcurrentSkipListMap<>();

    private static NetworkNamespaces namespaces;

    @TempDir
    Path dir;

    @BeforeAll
    static void createNamespaces() throws Exception {
        namespaces = new NetworkNamespaces();
    }

    @AfterAll
    static void deleteNamespaces() throws Exception {
        if (namespaces != null) {
            namespaces.close();
        }
        TABLE.values().forEach(System.out::println);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void seedClient_nameAndLatency_withTheDefaults(Kind kind) throws Exception {
        Path dnsDir = Files.createDirectory(dir.resolve("dns"));
        try (ScenarioDns dns = ScenarioDns.start(kind, namespaces.server, dnsDir)) {
            Path config = config(dns.address(), "auto");
            Outcome outcome = serveAndLogIn(config);
            String resolve = tool(List.of("resolve", CLIENT_IP, "--config", config.toString()));
            String doctor = tool(List.of("doctor", "--config", config.toString()));
            // For the reader of the build log and docs/resolution.md: what an operator would see.
            System.out.printf("== %s: resolve%n%s== %s: doctor%n%s", kind, resolve, kind, doctor);
            check(kind, outcome, resolve, doctor, dns.address());
            TABLE.put(kind, row(kind, outcome));
        }
    }

    private void check(Kind kind, Outcome outcome, String resolve, String doctor, String dns) throws Exception {
        String zone = "10.200.0.0/24 (0.200.10.in-addr.arpa) ";
        if (kind == Kind.BIND_LOCAL_ZONE) {
            assertThat(outcome.name()).isEqualTo("client.lan.example");
            assertThat(resolve).contains("=> dns", "NAME client.lan.example", zone + "passed through to dns");
            assertThat(resolve).contains("a zone cut below 10.in-addr.arpa").doesNotContain("note:");
            assertThat(doctor).contains(zone + "passed through to dns");
            String none = tool(List.of(
                    "resolve", CLIENT_IP, "--config", config(dns, "none").toString()));
            assertThat(none)
                    .contains(
                            "note: dns has the name client.lan.example for 10.200.0.100, but local-ptr answered"
                                    + " \"no name\" first",
                            "set resolver.pass-through=auto");
            return;
        }
        assertThat(outcome.name()).as("no name, from local-ptr").isEqualTo("-");
        assertThat(resolve).contains("=> local-ptr", zone + "answered locally (no name)");
        assertThat(doctor).contains(zone + "answered locally (no name)");
        String why = switch (kind) {
            case BIND_EMPTY_ZONES -> "an empty zone (RFC 6303)";
            case DNSMASQ_NXDOMAIN -> "REFUSED: the server is failing or lame";
            case SILENT -> "no answer within 1000 ms";
            case AS112 -> "the AS112 sink";
            case BIND_LOCAL_ZONE -> throw new AssertionError(kind);
        };
        assertThat(resolve).contains(why);
        if (kind == Kind.SILENT) {
            // The seed's black hole stays as fast as before: nothing waits for the silent server.
            assertThat(outcome.greeting()).isLessThan(DEADLINE.dividedBy(2));
            assertThat(outcome.login()).isLessThan(DEADLINE.dividedBy(2));
        }
        if (kind == Kind.AS112) {
            assertThat(resolve).contains("[AS112 LEAK]");
        }
    }

    /** The name tanpopo logged for the client, and median greeting and login times. */
    record Outcome(String name, Duration greeting, Duration login, String decision) {}

    private Outcome serveAndLogIn(Path config) throws Exception {
        Path log = dir.resolve("serve.log");
        try (ServerProcess server = ServerProcess.start(
                NetworkNamespaces.inside(namespaces.server, java("serve", "--config", config.toString())),
                log,
                Map.of())) {
            // Learning runs in the background from start-up; wait for it before the client comes.
            String decision = Await.value(Duration.ofSeconds(20), "the zone decision", () -> {
                Matcher m = Pattern.compile("pass-through: (10\\.200\\.0\\.0/24 .*)")
                        .matcher(server.log());
                return m.find() ? m.group(1) : null;
            });
            String times = run(NetworkNamespaces.inside(
                    namespaces.client,
                    java(
                            NamespaceClient.class.getName(),
                            SERVER_IP,
                            Integer.toString(server.port()),
                            CLIENT_IP,
                            Integer.toString(LOGINS))));
            String name = Await.value(Duration.ofSeconds(10), "the session log line", () -> {
                Matcher m = SESSION_NAME.matcher(server.log());
                return m.find() ? m.group(1) : null;
            });
            List<Duration> greetings = new ArrayList<>();
            List<Duration> logins = new ArrayList<>();
            times.lines().map(l -> l.split(" ")).forEach(f -> {
                greetings.add(Duration.ofNanos(Long.parseLong(f[0]) * 1000));
                logins.add(Duration.ofNanos(Long.parseLong(f[1]) * 1000));
            });
            assertThat(logins).hasSize(LOGINS);
            return new Outcome(name, median(greetings), median(logins), decision);
        }
    }

    private Path config(String dnsServer, String passThrough) throws IOException {
        Path hosts = dir.resolve("hosts");
        if (!Files.exists(hosts)) {
            Files.writeString(hosts, "# no clients here\n");
        }
        return Files.write(
                dir.resolve("tanpopo-" + passThrough + ".properties"),
                List.of(
                        "pop3.bind=" + SERVER_IP,
                        "pop3.port=0",
                        "pop3.hostname=mail.lan.example",
                        "auth.users=u1:secret,u2:secret,u3:secret,u4:secret,u5:secret",
                        "auth.cleartext=always",
                        "tls.enabled=false",
                        "metrics.jmx=false",
                        "resolver.hosts-file=" + hosts,
                        "resolver.dns-servers=" + dnsServer,
                        "resolver.deadline=" + DEADLINE.toSeconds() + "s",
                        "resolver.pass-through=" + passThrough));
    }

    private String tool(List<String> arguments) throws Exception {
        return run(NetworkNamespaces.inside(namespaces.server, java(arguments.toArray(String[]::new))));
    }

    private static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path")));
        if (!arguments[0].contains(".")) {
            command.add("io.tanpopo.app.Main");
        }
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs to the end (bounded) and returns standard output; standard error goes to a file. */
    private String run(List<String> command) throws Exception {
        Path err = Files.createTempFile(dir, "stderr", ".log");
        Process process =
                new ProcessBuilder(command).redirectError(err.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("%s%n%s%n%s", command.subList(4, command.size()), text, Files.readString(err))
                .isIn(0, 1);
        return text;
    }

    private static Duration median(List<Duration> times) {
        List<Duration> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String row(Kind kind, Outcome outcome) {
        return String.format(
                "| %s | %s | %.1f ms | %.1f ms | %s |",
                kind,
                outcome.name(),
                outcome.greeting().toNanos() / 1e6,
                outcome.login().toNanos() / 1e6,
                outcome.decision());
    }
}
