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
    void help_andBadAddress() {
        assertThat(run("resolve", "--help")).isZero();
        assertThat(output()).contains("Usage: java -jar tanpopo.jar resolve ADDRESS");
        assertThat(run("resolve", "mail.example.org")).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("names are not looked up");
        assertThat(run("resolve")).isEqualTo(78);
    }
}
