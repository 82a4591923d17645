package io.tanpopo.resolver;

import io.tanpopo.resolver.diagnosis.DnsServerCheck;
import io.tanpopo.resolver.diagnosis.ResolverDiagnosis;
import io.tanpopo.resolver.strategy.DnsStrategy;
import io.tanpopo.resolver.strategy.HostsFileStrategy;
import io.tanpopo.resolver.strategy.LearnedZones;
import io.tanpopo.resolver.strategy.LocalPtrStrategy;
import io.tanpopo.resolver.strategy.ResolverStrategy;
import io.tanpopo.resolver.strategy.ZoneDecision;
import io.tanpopo.resolver.strategy.ZoneLearner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
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
        return create(config, decision -> {});
    }

    /**
     * The resolver the server should use. With {@code resolver.pass-through=auto} it learns, in the
     * background, the private zones of this machine's networks at once and any other when first
     * seen, and asks again every {@code resolver.pass-through-recheck}; {@code decisions} hears of
     * every decision.
     */
    public HostResolver create(ResolverConfig config, Consumer<ZoneDecision> decisions) {
        if (config.disabled()) {
            return new DisabledResolver();
        }
        LearnedZones learned = learner(config, decisions)
                .<LearnedZones>map(learner -> {
                    learner.start(interfaceAddresses, config.passThroughRecheck());
                    return learner;
                })
                .orElse(LearnedZones.NONE);
        ResolverChain chain = new ResolverChain(strategies(config, learned), config.deadline(), scheduler, clock);
        return new CachingResolver(
                chain, new ResolverCache(config.cache(), clock), config.cache().maxInFlight());
    }

    /** A learner of the zones the DNS serves, when {@code resolver.pass-through=auto} applies; not started. */
    public Optional<ZoneLearner> learner(ResolverConfig config, Consumer<ZoneDecision> decisions) {
        if (!config.learnsPassThrough()) {
            return Optional.empty();
        }
        return Optional.of(
                new ZoneLearner(DnsServerAddresses.of(config), config.deadline(), scheduler, clock, decisions));
    }

    /** The configured strategies in order (empty for none), without learned zones. */
    public List<ResolverStrategy> strategies(ResolverConfig config) {
        return strategies(config, LearnedZones.NONE);
    }

    /** The configured strategies in order (empty for none); {@code local-ptr} consults {@code learned}. */
    public List<ResolverStrategy> strategies(ResolverConfig config, LearnedZones learned) {
        return config.strategies().stream()
                .filter(name -> !name.equals("none"))
                .map(name -> strategy(name, config, learned))
                .toList();
    }

    /** A step-by-step diagnosis over the configured strategies, without learned zones. */
    public ResolverDiagnosis diagnosis(ResolverConfig config) {
        return diagnosis(config, LearnedZones.NONE);
    }

    /** A step-by-step diagnosis over the configured strategies; {@code local-ptr} consults {@code learned}. */
    public ResolverDiagnosis diagnosis(ResolverConfig config, LearnedZones learned) {
        return new ResolverDiagnosis(strategies(config, learned), config.deadline(), clock);
    }

    /** This machine's addresses, as local-ptr and the learner see them. */
    public Collection<InetAddress> interfaceAddresses() {
        return List.copyOf(interfaceAddresses.get());
    }

    /** A check of the DNS servers the {@code dns} strategy would use. */
    public DnsServerCheck serverCheck(ResolverConfig config) {
        return new DnsServerCheck(DnsServerAddresses.of(config), config.deadline(), scheduler);
    }

    private ResolverStrategy strategy(String name, ResolverConfig config, LearnedZones learned) {
        return switch (name) {
            case "hosts" -> new HostsFileStrategy(config.hostsFile(), clock, config.hostsRecheck());
            case "local-ptr" ->
                new LocalPtrStrategy(
                        config.localNames(), config.passThroughZones(), learned, interfaceAddresses, clock);
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
