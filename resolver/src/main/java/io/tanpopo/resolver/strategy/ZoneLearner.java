package io.tanpopo.resolver.strategy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * Learns, in the background, which private reverse zones the site's DNS servers really serve
 * ({@code resolver.pass-through=auto}): asks the servers in order for the SOA of the address's /24
 * or /64 and judges the answer with {@link SoaVerdict}. A server that is silent, failing or lame
 * decides nothing; when none decides, the zone stays answered locally. Bounded: at most
 * {@link #MAX_ZONES} zones are remembered, one query runs per zone and at most
 * {@link #MAX_IN_FLIGHT} at once; beyond, an address is simply answered locally.
 */
public final class ZoneLearner implements LearnedZones {

    static final int MAX_ZONES = 1024;
    static final int MAX_IN_FLIGHT = 8;

    private static final Logger LOG = LoggerFactory.getLogger(ZoneLearner.class);

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<ZoneDecision> listener;
    private final ConcurrentMap<Cidr, ZoneDecision> decisions = new ConcurrentHashMap<>();
    private final ConcurrentMap<Cidr, CompletableFuture<Optional<ZoneDecision>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean rechecking = new AtomicBoolean();

    /**
     * @param servers   the DNS servers of the {@code dns} strategy, in order
     * @param timeout   how long each server has to answer (the resolver's deadline)
     * @param scheduler runs the queries, their timeouts and the rechecks
     * @param clock     stamps the decisions
     * @param listener  told of every decision, e.g. for metrics; must not block
     */
    public ZoneLearner(
            List<InetSocketAddress> servers,
            Duration timeout,
            ScheduledExecutorService scheduler,
            Clock clock,
            Consumer<ZoneDecision> listener) {
        this.servers = List.copyOf(servers);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public Optional<ZoneDecision> consult(InetAddress address) {
        Optional<PrivateZone> zone = PrivateZone.of(address);
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        ZoneDecision known = decisions.get(zone.get().block());
        if (known == null
                && decisions.size() < MAX_ZONES
                && !inFlight.containsKey(zone.get().block())) {
            try {
                scheduler.execute(() -> {
                    var unused = learn(zone.get()); // decided into the map; nobody waits
                });
            } catch (RejectedExecutionException e) {
                LOG.debug(
                        "not learning {}: the resolver is shutting down",
                        zone.get().name());
            }
        }
        return Optional.ofNullable(known);
    }

    @Override
    public boolean covers(InetAddress address) {
        return PrivateZone.of(address).isPresent();
    }

    /** Learns the zone of {@code address} now (or joins the query running); empty for a public address. */
    public CompletableFuture<Optional<ZoneDecision>> learn(InetAddress address) {
        return PrivateZone.of(address)
                .map(this::learn)
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Learns the zones of {@code addresses} one after the other; completes when all are decided. */
    public CompletableFuture<Void> learnAll(Collection<InetAddress> addresses) {
        List<PrivateZone> zones = addresses.stream()
                .map(PrivateZone::of)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        return inTurn(zones);
    }

    /**
     * Starts learning in the background: the zones of {@code ownAddresses} (this machine's networks)
     * at once, then every zone decided so far again each {@code recheck}, one after the other.
     */
    public void start(Supplier<? extends Collection<InetAddress>> ownAddresses, Duration recheck) {
        scheduler.execute(() -> {
            var unused = learnAll(ownAddresses.get()); // decided into the map; nobody waits
        });
        var unused = scheduler.scheduleWithFixedDelay(
                this::recheck, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The decisions so far, by block. */
    public List<ZoneDecision> decisions() {
        return decisions.values().stream()
                .sorted(Comparator.comparing(d -> d.block().toString()))
                .toList();
    }

    private void recheck() {
        if (!rechecking.compareAndSet(false, true)) {
            return; // the previous round still runs (a silent server costs a timeout per zone)
        }
        List<PrivateZone> zones = decisions.keySet().stream()
                .map(block -> PrivateZone.of(block.network()))
                .flatMap(Optional::stream)
                .toList();
        var unused = inTurn(zones).whenComplete((done, failure) -> rechecking.set(false));
    }

    private CompletableFuture<Void> inTurn(List<PrivateZone> zones) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (PrivateZone zone : zones) {
            chain = chain.thenCompose(done -> learn(zone)).thenApply(decision -> null);
        }
        return chain;
    }

    private CompletableFuture<Optional<ZoneDecision>> learn(PrivateZone zone) {
        Cidr block = zone.block();
        if (!decisions.containsKey(block) && decisions.size() >= MAX_ZONES) {
            LOG.debug("not learning {}: {} zones known already", zone.name(), MAX_ZONES);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<ZoneDecision>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<ZoneDecision>> running = inFlight.putIfAbsent(block, mine);
        if (running != null) {
            return running;
        }
        if (inFlight.size() > MAX_IN_FLIGHT) {
            inFlight.remove(block, mine);
            mine.complete(Optional.ofNullable(decisions.get(block)));
            return mine;
        }
        var unused = ask(0, zone, "").whenComplete((verdict, failure) -> {
            ZoneDecision decision = decide(zone, verdict, failure);
            ZoneDecision previous = decisions.put(block, decision);
            inFlight.remove(block, mine);
            if (previous == null || previous.served() != decision.served()) {
                LOG.info("pass-through: {}", decision.describe());
            }
            listener.accept(decision);
            mine.complete(Optional.of(decision));
        });
        return mine;
    }

    private ZoneDecision decide(PrivateZone zone, SoaVerdict verdict, Throwable failure) {
        boolean served = failure == null && verdict.state() == SoaVerdict.State.SERVED;
        String reason = failure == null
                ? verdict.reason()
                : "internal error: " + failure.getClass().getSimpleName();
        return new ZoneDecision(zone.block(), zone.name(), served, reason, clock.instant());
    }

    private CompletableFuture<SoaVerdict> ask(int index, PrivateZone zone, String earlier) {
        if (index >= servers.size()) {
            String why = earlier.isEmpty() ? "no DNS servers" : earlier;
            return CompletableFuture.completedFuture(
                    new SoaVerdict(SoaVerdict.State.LOCAL, why + "; no server decided, so local-ptr answers"));
        }
        InetSocketAddress server = servers.get(index);
        String where = DnsExchange.describe(server);
        return DnsExchange.send(server, zone.probe(), Type.SOA, timeout, true, scheduler)
                .thenCompose(reply -> {
                    SoaVerdict verdict = reply.failure() != null
                            ? new SoaVerdict(SoaVerdict.State.TRY_NEXT, where + " " + reply.failure())
                            : SoaVerdict.of(reply.message(), zone, where);
                    if (verdict.state() != SoaVerdict.State.TRY_NEXT) {
                        return CompletableFuture.completedFuture(verdict);
                    }
                    return ask(
                            index + 1, zone, earlier.isEmpty() ? verdict.reason() : earlier + "; " + verdict.reason());
                });
    }
}
