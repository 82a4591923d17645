package io.tanpopo.resolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Address;

/** Builds resolvers for tests with a private scheduler; close to shut it down. */
final class TestResolvers implements AutoCloseable {

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final Clock clock;
    final List<InetAddress> interfaceAddresses;

    TestResolvers(Clock clock, List<InetAddress> interfaceAddresses) {
        this.clock = clock;
        this.interfaceAddresses = interfaceAddresses;
    }

    TestResolvers() {
        this(Clock.systemUTC(), List.of());
    }

    Resolvers resolvers() {
        return new Resolvers(clock, scheduler, () -> interfaceAddresses);
    }

    HostResolver create(ResolverConfig config) {
        return resolvers().create(config);
    }

    static ResolverConfig config(
            List<String> strategies,
            Path hosts,
            List<String> passThrough,
            List<InetSocketAddress> servers,
            Duration deadline,
            boolean forwardConfirm) {
        return new ResolverConfig(
                strategies,
                hosts,
                List.of("pop.example.net"),
                passThrough,
                servers,
                null,
                deadline,
                forwardConfirm,
                Duration.ofMillis(100),
                CacheLimits.defaults());
    }

    static InetAddress ip(String literal) {
        try {
            return Address.getByAddress(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
