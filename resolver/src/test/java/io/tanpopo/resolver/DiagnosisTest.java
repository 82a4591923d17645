package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.config;
import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.diagnosis.DiagnosisReport;
import io.tanpopo.resolver.diagnosis.DnsServerCheck;
import io.tanpopo.resolver.diagnosis.ServerCheckResult;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisTest {

    @TempDir
    Path dir;

    private final TestResolvers env = new TestResolvers();

    @AfterEach
    void close() throws Exception {
        env.close();
    }

    @Test
    void privateZoneAnsweredByAs112_flaggedStepByStep() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "192.88.99.1 other.example.org\n");
        try (ScriptedDnsServer as112 = ScriptedDnsServer.as112()) {
            ResolverConfig config = config(
                    List.of("hosts", "local-ptr", "dns"),
                    hosts,
                    List.of(),
                    List.of(as112.address()),
                    Duration.ofSeconds(1),
                    false);
            DiagnosisReport report = env.resolvers().diagnosis(config).diagnose(ip("10.0.0.100"));

            assertThat(report.steps())
                    .extracting(s -> s.strategy() + ":" + s.kind())
                    .containsExactly("hosts:PASS", "local-ptr:NO_NAME", "dns:NO_NAME");
            assertThat(report.steps().get(1).decisive()).isTrue();
            assertThat(report.steps().get(2).as112Leak()).isTrue();
            assertThat(report.steps().get(2).source()).contains("NXDOMAIN", "prisoner.iana.org");
            assertThat(report.as112Leak()).isTrue();
            assertThat(report.warnings()).anyMatch(w -> w.contains("AS112") && w.contains("10.in-addr.arpa"));
            assertThat(report.render()).contains("reverse lookup of 10.0.0.100", "=> local-ptr", "[AS112 LEAK]");
        }
    }

    @Test
    void blackHoledServer_stepTimesOutAtDeadline() throws Exception {
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            ResolverConfig config = config(
                    List.of("dns"), null, List.of(), List.of(blackHole.address()), Duration.ofMillis(200), false);
            DiagnosisReport report = env.resolvers().diagnosis(config).diagnose(ip("192.88.99.2"));
            assertThat(report.steps()).singleElement().satisfies(step -> {
                assertThat(step.kind()).isEqualTo(StrategyAnswer.Kind.TEMPORARY_FAILURE);
                assertThat(step.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(190));
            });
            assertThat(report.warnings()).anyMatch(w -> w.contains("dns failed temporarily"));
        }
    }

    @Test
    void serverCheck_reportsAnswerAndSilence() throws Exception {
        try (ScriptedDnsServer good = ScriptedDnsServer.ptr("localhost");
                ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            List<ServerCheckResult> results = new DnsServerCheck(
                            List.of(good.address(), blackHole.address()), Duration.ofMillis(300), env.scheduler)
                    .check();
            assertThat(results.get(0).answered()).isTrue();
            assertThat(results.get(0).rcode()).isEqualTo("NOERROR");
            assertThat(results.get(1).answered()).isFalse();
            assertThat(results.get(1).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
            assertThat(DnsServerCheck.render(results)).contains("NOERROR", "NO ANSWER");
        }
    }
}
