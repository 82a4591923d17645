package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-minute logins of a qmail server whose DNS never answered, against the application's wiring: a DNS server that never
 * answers must not delay the greeting at all, and a login at most by resolver.deadline, once per
 * address while the failure is cached. Strategy dns alone, so loopback clients really go to DNS.
 */
class BlackHoledDnsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private ScriptedDnsServer blackHole;

    @BeforeEach
    void start() throws IOException {
        blackHole = ScriptedDnsServer.blackHole();
    }

    @AfterEach
    void stop() {
        blackHole.close();
    }

    private Pop3Server dnsOnly() {
        return TestConfig.server("resolver.strategies=dns", TestConfig.dns(blackHole), "resolver.deadline=2s");
    }

    @Test
    void greeting_doesNotWaitForTheLookup() throws IOException {
        Duration off;
        try (Pop3Server server = TestConfig.server("resolver.strategies=none")) {
            off = medianGreeting(server);
        }
        Duration on;
        try (Pop3Server server = dnsOnly()) {
            on = medianGreeting(server);
            Await.until(Duration.ofSeconds(5), "the lookup to reach the black hole", () -> blackHole.queries() > 0);
        }
        // Structural, not a benchmark: a greeting that waited would take the whole deadline.
        assertThat(on)
                .as("median greeting with a black-holed DNS (without resolution: %s ms)", off.toMillis())
                .isLessThan(DEADLINE.dividedBy(2));
    }

    @Test
    void login_waitsAtMostTheDeadline_andThenTheCacheAnswers() throws IOException {
        try (Pop3Server server = dnsOnly()) {
            Duration first = login(server, "u1");
            assertThat(blackHole.queries()).isPositive();
            assertThat(first).isLessThan(DEADLINE.plusMillis(1500));
            for (int i = 0; i < 3; i++) {
                assertThat(login(server, "u" + (i + 2)))
                        .as("login %s, name failure cached", i + 2)
                        .isLessThan(DEADLINE.dividedBy(2));
            }
        }
    }

    @Test
    void hostsFileHit_sendsNoDnsQuery() throws IOException {
        Path hosts = TestConfig.write(dir, "hosts", "# test", "127.0.0.1 client.example.test client");
        try (Pop3Server server = TestConfig.server(
                "resolver.strategies=hosts,dns",
                "resolver.hosts-file=" + hosts,
                TestConfig.dns(blackHole),
                "resolver.deadline=2s")) {
            assertThat(login(server, "u1")).isLessThan(DEADLINE.dividedBy(2));
            assertThat(login(server, "u2")).isLessThan(DEADLINE.dividedBy(2));
        }
        assertThat(blackHole.queries()).isZero();
    }

    private static Duration medianGreeting(Pop3Server server) throws IOException {
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.greeting()).startsWith("+OK");
            }
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }

    /** Time from connect to the +OK after PASS. */
    private static Duration login(Pop3Server server, String user) throws IOException {
        long start = System.nanoTime();
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            pop.send("USER " + user + "\r\nPASS secret\r\n");
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.line()).startsWith("+OK");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(pop.command("QUIT")).startsWith("+OK");
            return took;
        }
    }
}
