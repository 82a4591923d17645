package io.tanpopo.resolver;

import static io.tanpopo.resolver.TestResolvers.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.resolver.strategy.HostsFileStrategy;
import io.tanpopo.resolver.strategy.StrategyAnswer;
import io.tanpopo.testsupport.MutableClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HostResolver#resolveFromMemory}: answers that need no I/O or waiting are given at once
 * (and agree with {@code resolve}); anything that would read a file or ask DNS gives empty.
 */
class FromMemoryTest {

    private static final Duration RECHECK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final TestResolvers env = new TestResolvers(clock, List.of());

    @AfterEach
    void close() throws Exception {
        env.close();
    }

    @Test
    void hostsFile_answersFromMemoryOnlyOnceReadAndUntilItIsDueForACheck() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "192.88.99.1 one.example.org\n");
        HostsFileStrategy hosts = new HostsFileStrategy(file, clock, RECHECK);
        assertThat(hosts.answerFromMemory(ip("192.88.99.1"))).as("not read yet").isEmpty();

        assertThat(hosts.lookup(ip("192.88.99.1")).join().name()).contains("one.example.org");
        assertThat(hosts.answerFromMemory(ip("192.88.99.1")))
                .get()
                .satisfies(a -> assertThat(a.name()).contains("one.example.org"));
        assertThat(hosts.answerFromMemory(ip("192.88.99.2")))
                .get()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(StrategyAnswer.Kind.PASS));

        clock.advance(RECHECK);
        assertThat(hosts.answerFromMemory(ip("192.88.99.1")))
                .as("due for a check of the file")
                .isEmpty();
    }

    @Test
    void defaultChain_answersLoopbackAndPrivateAddressesFromMemory_butNotPublicOnesThatNeedDns() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        HostResolver resolver = env.create(TestResolvers.config(
                List.of("hosts", "local-ptr", "dns"),
                file,
                List.of(),
                List.of(new java.net.InetSocketAddress("127.0.0.1", 9)),
                Duration.ofSeconds(1),
                false));
        resolver.resolve(ip("127.0.0.1")).join(); // reads the hosts file

        assertThat(resolver.resolveFromMemory(ip("127.0.0.2")).map(Resolution::name))
                .contains(Optional.of("localhost"));
        assertThat(resolver.resolveFromMemory(ip("10.1.2.3")))
                .as("own addresses not listed yet")
                .isEmpty();
        resolver.resolve(ip("10.1.2.4")).join(); // lists them
        Optional<Resolution> privateAddress = resolver.resolveFromMemory(ip("10.1.2.3"));
        assertThat(privateAddress).get().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.NO_NAME);
            assertThat(r.strategy()).isEqualTo("local-ptr");
        });
        assertThat(resolver.resolveFromMemory(ip("192.88.99.7")))
                .as("only DNS knows")
                .isEmpty();
    }

    @Test
    void cachingResolver_remembersWhatItAnsweredFromMemory_andAnswersCachedOutcomesFromMemory() throws Exception {
        InetAddress address = ip("192.88.99.8");
        int[] asked = new int[1];
        HostResolver counting = new HostResolver() {
            @Override
            public java.util.concurrent.CompletableFuture<Resolution> resolve(InetAddress a) {
                throw new AssertionError("not to be asked once the answer is cached");
            }

            @Override
            public Optional<Resolution> resolveFromMemory(InetAddress a) {
                asked[0]++;
                return Optional.of(
                        Resolution.named("m.example", "test", Duration.ZERO, "memory", Duration.ofMinutes(5)));
            }
        };
        CachingResolver caching = new CachingResolver(counting, new ResolverCache(CacheLimits.defaults(), clock), 8);
        assertThat(caching.resolveFromMemory(address).flatMap(Resolution::name)).contains("m.example");
        assertThat(caching.resolveFromMemory(address).map(Resolution::cached)).contains(true);
        assertThat(caching.resolve(address).join().name()).contains("m.example");
        assertThat(asked[0]).isOne();
    }

    @Test
    void disabledResolver_answersEverythingFromMemory() {
        assertThat(new DisabledResolver().resolveFromMemory(ip("192.88.99.9")).map(Resolution::strategy))
                .contains("disabled");
    }
}
