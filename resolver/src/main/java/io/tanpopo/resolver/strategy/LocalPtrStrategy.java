package io.tanpopo.resolver.strategy;

import io.tanpopo.resolver.MappedAddresses;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Answers what the machine knows itself, without any query: loopback is {@code localhost}, the
 * machine's own interface addresses carry the configured local name, and the locally-served
 * zones of RFC 6303 / RFC 7793 have no name. Zones listed as pass-through (an operator's own DNS
 * really serves them, e.g. {@code 10.0.0.0/8}), and those {@link LearnedZones} knows the DNS to
 * serve, pass to the next strategy; so do public addresses.
 */
public final class LocalPtrStrategy implements ResolverStrategy {

    /** Local answers change only with the configuration; the cache caps this further. */
    private static final Duration LOCAL_TTL = Duration.ofHours(1);
    /** Interface addresses are listed again at most this often. */
    private static final Duration INTERFACE_REFRESH = Duration.ofSeconds(60);
    /** "No name" while the DNS is still being asked about the zone: the cache's floor, not an hour. */
    private static final Duration UNSETTLED_TTL = Duration.ZERO;

    private final List<String> localNames;
    private final List<Cidr> passThrough;
    private final LearnedZones learned;
    private final Supplier<? extends Collection<InetAddress>> interfaceAddresses;
    private final Clock clock;
    // Volatile: read without the lock, which listing the interfaces holds.
    private volatile Set<InetAddress> ownAddresses = Set.of();
    private volatile Instant nextRefresh = Instant.MIN;

    /**
     * @param localNames         names of this machine, the first answers for its own addresses
     * @param passThrough        zones to leave to the next strategy
     * @param interfaceAddresses supplies the machine's addresses, see {@link InterfaceAddresses}
     * @param clock              decides when to list interface addresses again
     */
    public LocalPtrStrategy(
            List<String> localNames,
            List<Cidr> passThrough,
            Supplier<? extends Collection<InetAddress>> interfaceAddresses,
            Clock clock) {
        this(localNames, passThrough, LearnedZones.NONE, interfaceAddresses, clock);
    }

    /**
     * @param localNames         names of this machine, the first answers for its own addresses
     * @param passThrough        zones to leave to the next strategy
     * @param learned            private zones the DNS was found to serve, also left to the next strategy
     * @param interfaceAddresses supplies the machine's addresses, see {@link InterfaceAddresses}
     * @param clock              decides when to list interface addresses again
     */
    public LocalPtrStrategy(
            List<String> localNames,
            List<Cidr> passThrough,
            LearnedZones learned,
            Supplier<? extends Collection<InetAddress>> interfaceAddresses,
            Clock clock) {
        this.localNames = List.copyOf(localNames);
        this.passThrough = List.copyOf(passThrough);
        this.learned = Objects.requireNonNull(learned, "learned");
        this.interfaceAddresses = Objects.requireNonNull(interfaceAddresses, "interfaceAddresses");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "local-ptr";
    }

    @Override
    public CompletableFuture<StrategyAnswer> lookup(InetAddress address) {
        return CompletableFuture.completedFuture(answer(address));
    }

    /** Always, but when the answer depends on the machine's own addresses and they are due to be listed again. */
    @Override
    public Optional<StrategyAnswer> answerFromMemory(InetAddress address) {
        Optional<StrategyAnswer> loopback = loopback(address);
        if (loopback.isPresent()) {
            return loopback;
        }
        if (!localNames.isEmpty() && ownAddressesStale()) {
            return Optional.empty();
        }
        return Optional.of(answer(address));
    }

    private static Optional<StrategyAnswer> loopback(InetAddress address) {
        return find(LocallyServedZones.LOOPBACK, address)
                .map(zone -> StrategyAnswer.named("localhost", "loopback " + zone, LOCAL_TTL));
    }

    private boolean ownAddressesStale() {
        return !clock.instant().isBefore(nextRefresh);
    }

    private StrategyAnswer answer(InetAddress address) {
        Optional<StrategyAnswer> loopback = loopback(address);
        if (loopback.isPresent()) {
            return loopback.get();
        }
        if (!localNames.isEmpty() && ownAddresses().contains(address)) {
            return StrategyAnswer.named(localNames.get(0), "own interface address", LOCAL_TTL);
        }
        Optional<Cidr> through = find(passThrough, address);
        if (through.isPresent()) {
            return StrategyAnswer.pass("pass-through zone " + through.get());
        }
        return find(LocallyServedZones.NO_NAME, address)
                .map(zone -> privateAnswer(zone, address))
                .orElseGet(() -> StrategyAnswer.pass("not a local address"));
    }

    private StrategyAnswer privateAnswer(Cidr zone, InetAddress address) {
        Optional<ZoneDecision> decision = learned.consult(address);
        if (decision.isPresent() && decision.get().served()) {
            return StrategyAnswer.pass("pass-through (learned) "
                    + decision.get().block() + ": DNS serves " + decision.get().zone());
        }
        String source = "locally-served zone " + zone + " (RFC 6303)";
        if (decision.isPresent() || !learned.covers(address)) {
            return StrategyAnswer.noName(source, LOCAL_TTL, Optional.empty());
        }
        return StrategyAnswer.noName(
                source + ", whether DNS serves it is being learned", UNSETTLED_TTL, Optional.empty());
    }

    private Set<InetAddress> ownAddresses() {
        return ownAddressesStale() ? refreshOwnAddresses() : ownAddresses;
    }

    private synchronized Set<InetAddress> refreshOwnAddresses() {
        Instant now = clock.instant();
        if (!now.isBefore(nextRefresh)) {
            ownAddresses = interfaceAddresses.get().stream()
                    .map(MappedAddresses::unmap)
                    .collect(Collectors.toUnmodifiableSet());
            nextRefresh = now.plus(INTERFACE_REFRESH);
        }
        return ownAddresses;
    }

    private static Optional<Cidr> find(List<Cidr> zones, InetAddress address) {
        return zones.stream().filter(zone -> zone.contains(address)).findFirst();
    }
}
