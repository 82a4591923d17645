package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve ADDRESS}: every step with answer, source and time; AS112 leaks flagged. */
class ResolveCommandTest {

    @TempDir
    Path dir;

    private ScriptedDnsServer as112;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        as112 = ScriptedDnsServer.as112();
    }

    @AfterEach
    void stop() {
        as112.close();
    }

    private int run(String... args) {
        return new Main(
                        System.in,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path config(String strategies) {
        Path hosts = TestConfig.write(dir, "hosts", "# test hosts", "192.0.2.10 web.example.test web");
        return TestConfig.write(
                dir,
                "tanpopo.properties",
                "resolver.strategies=" + strategies,
                "resolver.hosts-file=" + hosts,
                TestConfig.dns(as112),
                "resolver.deadline=1s");
    }

    @Test
    void hostsHit_decidesWithTheLine() {
        int status = run(
                "resolve", "192.0.2.10", "--config", config("hosts,local-ptr").toString());
        assertThat(status).isZero();
        assertThat(output())
                .contains("strategies:  hosts, local-ptr", "reverse lookup of 192.0.2.10")
                .containsPattern("=> hosts +NAME web.example.test +\\d+ ms .*line 2");
    }

    @Test
    void privateAddress_answeredByLocalPtr_withItsZone() {
        int status =
                run("resolve", "10.1.2.3", "--config", config("hosts,local-ptr").toString());
        assertThat(status).isZero();
        assertThat(output()).containsPattern("=> local-ptr +NO_NAME +\\d+ ms .*10\\.0\\.0\\.0/8");
    }

    @Test
    void as112NegativeAnswer_isFlaggedAsALeak() {
        int status =
                run("resolve", "10.0.0.100", "--config", config("local-ptr,dns").toString());
        assertThat(status).isEqualTo(1);
        assertThat(output())
                .containsPattern("dns +NO_NAME +\\d+ ms .*NXDOMAIN.*prisoner\\.iana\\.org.*\\[AS112 LEAK\\]")
                .contains("warning: the reverse zone 10.in-addr.arpa was answered by AS112");
        assertThat(as112.queries()).isPositive();
    }

    @Test
    void nameHiddenByLocalPtr_saysWhatToSet_inEachPassThroughMode() throws IOException {
        try (ScriptedDnsServer ptrOnly = ScriptedDnsServer.ptr("client.lan.example")) {
            // A DNS server with a PTR for every address but no SOA of its own: auto cannot see a zone.
            String[] modes = {"none", "10.1.0.0/16", "auto"};
            String[] advice = {
                "set resolver.pass-through=auto (the default)",
                "add 10.200.0.0/24 to resolver.pass-through (now 10.1.0.0/16)",
                "auto left 0.200.10.in-addr.arpa answered locally because"
            };
            for (int i = 0; i < modes.length; i++) {
                out.reset();
                Path config = TestConfig.write(
                        dir,
                        "hidden.properties",
                        "resolver.strategies=local-ptr,dns",
                        TestConfig.dns(ptrOnly),
                        "resolver.pass-through=" + modes[i],
                        "resolver.deadline=1s");
                assertThat(run("resolve", "10.200.0.100", "--config", config.toString()))
                        .as(modes[i])
                        .isEqualTo(1);
                assertThat(output())
                        .as(modes[i])
                        .containsPattern("=> local-ptr +NO_NAME")
                        .contains(
                                "note: dns has the name client.lan.example for 10.200.0.100, but local-ptr answered"
                                        + " \"no name\" first",
                                advice[i]);
            }
        }
    }

    @Test
    void help_andBadAddress() {
        assertThat(run("resolve", "--help")).isZero();
        assertThat(output()).contains("Usage: java -jar tanpopo.jar resolve ADDRESS");
        assertThat(run("resolve", "mail.example.org")).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("names are not looked up");
        assertThat(run("resolve")).isEqualTo(78);
    }
}
