package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.config;
import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.ScriptedDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;

/** The chain's deadline, the cache, shared lookups and the in-flight bound, against scripted servers. */
class DeadlineAndCacheTest {

    private static final Duration DEADLINE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final TestResolvers env = new TestResolvers();

    @AfterEach
    void close() throws Exception {
        env.close();
    }

    private HostResolver dnsOnly(ScriptedDnsServer server) {
        return env.create(config(List.of("dns"), null, List.of(), List.of(server.address()), DEADLINE, false));
    }

    @Test
    void blackHole_temporaryFailureWithinDeadline_thenCachedWithoutNewQuery() throws Exception {
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            HostResolver resolver = dnsOnly(blackHole);
            long start = System.nanoTime();
            Resolution first = resolver.resolve(ip("192.88.99.20")).get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(first.outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
            assertThat(first.source()).contains("deadline of 300 ms exceeded");
            assertThat(first.isDeadlineExceeded()).isTrue();
            assertThat(millis).isBetween(DEADLINE.toMillis() - 5, DEADLINE.toMillis() + 250);
            assertThat(blackHole.queries()).isEqualTo(1);

            Resolution second = resolver.resolve(ip("192.88.99.20")).get(1, TimeUnit.SECONDS);
            assertThat(second.outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
            assertThat(second.cached()).isTrue();
            assertThat(blackHole.queries()).isEqualTo(1);
        }
    }

    @Test
    void servfail_isTemporaryFailure() throws Exception {
        try (ScriptedDnsServer servfail = ScriptedDnsServer.rcode(Rcode.SERVFAIL)) {
            Resolution r = dnsOnly(servfail).resolve(ip("192.88.99.21")).get(5, TimeUnit.SECONDS);
            assertThat(r.outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
            assertThat(r.source()).contains("SERVFAIL");
        }
    }

    @Test
    void firstServerBlackHoled_secondServerAnswers() throws Exception {
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole();
                ScriptedDnsServer good = ScriptedDnsServer.ptr("second.example.org")) {
            HostResolver resolver = env.create(config(
                    List.of("dns"),
                    null,
                    List.of(),
                    List.of(blackHole.address(), good.address()),
                    Duration.ofSeconds(1),
                    false));
            Resolution r = resolver.resolve(ip("192.88.99.22")).get(5, TimeUnit.SECONDS);
            assertThat(r.name()).contains("second.example.org");
            assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void hostsHit_sendsNoDnsQuery() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "192.88.99.30 client.example.org client\n");
        try (ScriptedDnsServer counting = ScriptedDnsServer.ptr("wrong.example.org")) {
            HostResolver resolver = env.create(config(
                    List.of("hosts", "local-ptr", "dns"),
                    hosts,
                    List.of(),
                    List.of(counting.address()),
                    DEADLINE,
                    false));
            Resolution r = resolver.resolve(ip("192.88.99.30")).get(5, TimeUnit.SECONDS);
            assertThat(r.name()).contains("client.example.org");
            assertThat(r.strategy()).isEqualTo("hosts");
            assertThat(r.source()).endsWith("line 1");
            assertThat(counting.queries()).isZero();
        }
    }

    @Test
    void localPtr_privateAddress_sendsNoDnsQuery() throws Exception {
        try (ScriptedDnsServer counting = ScriptedDnsServer.ptr("wrong.example.org")) {
            HostResolver resolver = env.create(
                    config(List.of("local-ptr", "dns"), null, List.of(), List.of(counting.address()), DEADLINE, false));
            for (String address : List.of("10.0.0.100", "192.168.1.1", "fd12::1", "fe80::1", "2001:db8::5")) {
                Resolution r = resolver.resolve(ip(address)).get(5, TimeUnit.SECONDS);
                assertThat(r.outcome()).as(address).isEqualTo(Outcome.NO_NAME);
            }
            assertThat(counting.queries()).isZero();
        }
    }

    @Test
    void concurrentLookupsOfOneAddress_shareOneQuery() throws Exception {
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            HostResolver resolver = dnsOnly(blackHole);
            List<CompletableFuture<Resolution>> lookups = IntStream.range(0, 20)
                    .mapToObj(i -> resolver.resolve(ip("192.88.99.40")))
                    .toList();
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertThat(lookups).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE));
            assertThat(blackHole.queries()).isEqualTo(1);
        }
    }

    @Test
    void inFlightBoundReached_newLookupSkippedImmediately() throws Exception {
        try (ScriptedDnsServer blackHole = ScriptedDnsServer.blackHole()) {
            CacheLimits limits = new CacheLimits(
                    100,
                    Duration.ofHours(1),
                    Duration.ofMinutes(15),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(60),
                    2);
            ResolverConfig config = new ResolverConfig(
                    List.of("dns"),
                    null,
                    List.of(),
                    List.of(),
                    List.of(blackHole.address()),
                    null,
                    DEADLINE,
                    false,
                    Duration.ofSeconds(1),
                    limits);
            HostResolver resolver = env.create(config);
            CompletableFuture<Resolution> a = resolver.resolve(ip("192.88.99.50"));
            CompletableFuture<Resolution> b = resolver.resolve(ip("192.88.99.51"));
            CompletableFuture<Resolution> c = resolver.resolve(ip("192.88.99.52"));

            assertThat(c).isDone();
            assertThat(c.join().outcome()).isEqualTo(Outcome.TEMPORARY_FAILURE);
            assertThat(c.join().source()).contains("skipped: too many lookups in flight");
            assertThat(a.get(5, TimeUnit.SECONDS).source()).contains("deadline");
            b.get(5, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(2), "both queries", () -> blackHole.queries() == 2);
            // The skipped address was not cached: once there is room it is looked up for real.
            assertThat(resolver.resolve(ip("192.88.99.52"))
                            .get(5, TimeUnit.SECONDS)
                            .source())
                    .contains("deadline");
        }
    }
}
