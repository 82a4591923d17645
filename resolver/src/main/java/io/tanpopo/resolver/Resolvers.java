package io.tanpopo.resolver;

import io.tanpopo.resolver.diagnosis.DnsServerCheck;
import io.tanpopo.resolver.diagnosis.ResolverDiagnosis;
import io.tanpopo.resolver.strategy.DnsStrategy;
import io.tanpopo.resolver.strategy.HostsFileStrategy;
import io.tanpopo.resolver.strategy.LocalPtrStrategy;
import io.tanpopo.resolver.strategy.ResolverStrategy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Builds resolvers from a {@link ResolverConfig}: the strategies in the configured order, a
 * {@link ResolverChain} with the deadline, wrapped in a {@link CachingResolver}. The caller owns
 * the scheduler (a couple of threads suffice; it also runs DNS completions) and shuts it down.
 */
public final class Resolvers {

    private static final Duration MIN_SERVER_TIMEOUT = Duration.ofMillis(100);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Supplier<? extends Collection<InetAddress>> interfaceAddresses;

    /**
     * @param clock              time source for deadlines, caches and file checks
     * @param scheduler          fires deadlines and runs DNS completions
     * @param interfaceAddresses the machine's addresses, normally
     *                           {@link io.tanpopo.resolver.strategy.InterfaceAddresses}
     */
    public Resolvers(
            Clock clock,
            ScheduledExecutorService scheduler,
            Supplier<? extends Collection<InetAddress>> interfaceAddresses) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interfaceAddresses = Objects.requireNonNull(interfaceAddresses, "interfaceAddresses");
    }

    /** The resolver the server should use: cached chain, or {@link DisabledResolver} for none. */
    public HostResolver create(ResolverConfig config) {
        if (config.disabled()) {
            return new DisabledResolver();
        }
        ResolverChain chain = new ResolverChain(strategies(config), config.deadline(), scheduler, clock);
        return new CachingResolver(
                chain, new ResolverCache(config.cache(), clock), config.cache().maxInFlight());
    }

    /** The configured strategies in order (empty for none). */
    public List<ResolverStrategy> strategies(ResolverConfig config) {
        return config.strategies().stream()
                .filter(name -> !name.equals("none"))
                .map(name -> strategy(name, config))
                .toList();
    }

    /** A step-by-step diagnosis over the configured strategies. */
    public ResolverDiagnosis diagnosis(ResolverConfig config) {
        return new ResolverDiagnosis(strategies(config), config.deadline(), clock);
    }

    /** A check of the DNS servers the {@code dns} strategy would use. */
    public DnsServerCheck serverCheck(ResolverConfig config) {
        return new DnsServerCheck(DnsServerAddresses.of(config), config.deadline(), scheduler);
    }

    private ResolverStrategy strategy(String name, ResolverConfig config) {
        return switch (name) {
            case "hosts" -> new HostsFileStrategy(config.hostsFile(), clock, config.hostsRecheck());
            case "local-ptr" ->
                new LocalPtrStrategy(config.localNames(), config.passThroughZones(), interfaceAddresses, clock);
            case "dns" -> dns(config);
            default -> throw new IllegalArgumentException("resolver.strategies: unknown strategy '" + name + "'");
        };
    }

    private DnsStrategy dns(ResolverConfig config) {
        List<InetSocketAddress> servers = DnsServerAddresses.of(config);
        // Leave each server its share of the deadline so that a dead first server does not use it all.
        Duration share = config.deadline().dividedBy(Math.max(1, servers.size()));
        Duration perServer = share.compareTo(MIN_SERVER_TIMEOUT) < 0 ? MIN_SERVER_TIMEOUT : share;
        return new DnsStrategy(servers, perServer, config.forwardConfirm(), scheduler);
    }
}
