package io.tanpopo.app.metrics;

import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.resolver.Resolution;
import io.tanpopo.resolver.strategy.ZoneDecision;
import io.tanpopo.store.MessageInfo;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters, fed as a {@link SessionListener} and by three hooks: {@link #authenticated}
 * (the app wraps the authenticator in a {@link TimedAuthenticator}), {@link #resolved}, which the
 * client-name resolver integration calls once per lookup with the strategy that answered and the
 * outcome ({@code name}, {@code no_name}, {@code temporary_failure}, {@code deadline}), and
 * {@link #passThroughDecided} for what {@code resolver.pass-through=auto} learns. Shown over JMX and
 * as Prometheus text. Lock-free; labels are checked against a pattern, so they stay few.
 */
public final class Pop3Metrics implements SessionListener, Pop3MetricsMXBean {

    private final LongAdder current = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder commands = new LongAdder();
    private final LongAdder retrieved = new LongAdder();
    private final LongAdder octets = new LongAdder();
    private final Timing authentication = new Timing();
    private final Map<String, Timing> resolver = new ConcurrentHashMap<>();
    private final LongAdder passedThrough = new LongAdder();
    private final LongAdder answeredLocally = new LongAdder();

    /** A count and a sum of seconds, as a Prometheus summary without quantiles. */
    static final class Timing {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(Duration took) {
            count.increment();
            nanos.add(took.toNanos());
        }

        long count() {
            return count.sum();
        }

        double seconds() {
            return nanos.sum() / 1e9;
        }
    }

    @Override
    public void opened(Pop3Session session) {
        current.increment();
        total.increment();
    }

    @Override
    public void replied(Pop3Session session, CommandLine line, Reply reply) {
        commands.increment();
        if (reply.isAuthFailure()) {
            rejected.increment();
        }
    }

    @Override
    public void loggedIn(Pop3Session session) {
        accepted.increment();
    }

    @Override
    public void closed(Pop3Session session, String how) {
        current.decrement();
        if (how.startsWith("refused")) {
            refused.increment();
        }
        List<MessageInfo> messages = session.messages();
        session.retrieved().stream().filter(i -> i < messages.size()).forEach(i -> {
            retrieved.increment();
            octets.add(messages.get(i).size());
        });
    }

    /** One call of the authenticator took {@code took}. */
    public void authenticated(Duration took) {
        authentication.add(took);
    }

    /** One client-name lookup's result, as the resolver gave it. */
    public void resolved(Resolution resolution) {
        String outcome = resolution.isDeadlineExceeded()
                ? "deadline"
                : resolution.outcome().name().toLowerCase(Locale.ROOT);
        resolved(resolution.strategy(), outcome, resolution.elapsed());
    }

    /** One client-name lookup, answered by {@code strategy}, ended with {@code outcome} after {@code took}. */
    public void resolved(String strategy, String outcome, Duration took) {
        String key = "strategy=\"" + label(strategy) + "\",outcome=\"" + label(outcome) + "\"";
        resolver.computeIfAbsent(key, k -> new Timing()).add(took);
    }

    /** One decision of {@code resolver.pass-through=auto} about one private zone. */
    public void passThroughDecided(ZoneDecision decision) {
        (decision.served() ? passedThrough : answeredLocally).increment();
    }

    private static String label(String value) {
        return value.matches("[a-z][a-z_-]{0,31}") ? value : "other";
    }

    /** Lookups by their Prometheus labels, sorted. */
    Map<String, Timing> resolverByStrategyAndOutcome() {
        return new TreeMap<>(resolver);
    }

    Timing authentication() {
        return authentication;
    }

    @Override
    public long getSessionsCurrent() {
        return current.sum();
    }

    @Override
    public long getSessionsTotal() {
        return total.sum();
    }

    @Override
    public long getSessionsRefused() {
        return refused.sum();
    }

    @Override
    public long getLoginsAccepted() {
        return accepted.sum();
    }

    @Override
    public long getLoginsRejected() {
        return rejected.sum();
    }

    @Override
    public long getCommands() {
        return commands.sum();
    }

    @Override
    public long getMessagesRetrieved() {
        return retrieved.sum();
    }

    @Override
    public long getOctetsRetrieved() {
        return octets.sum();
    }

    @Override
    public long getAuthenticationCalls() {
        return authentication.count();
    }

    @Override
    public double getAuthenticationSecondsTotal() {
        return authentication.seconds();
    }

    @Override
    public long getResolverLookups() {
        return resolver.values().stream().mapToLong(Timing::count).sum();
    }

    @Override
    public double getResolverSecondsTotal() {
        return resolver.values().stream().mapToDouble(Timing::seconds).sum();
    }

    @Override
    public Map<String, Long> getResolverLookupsByStrategyAndOutcome() {
        Map<String, Long> counts = new TreeMap<>();
        resolver.forEach((labels, timing) -> counts.put(labels.replace("\"", ""), timing.count()));
        return counts;
    }

    @Override
    public long getResolverPassThroughServed() {
        return passedThrough.sum();
    }

    @Override
    public long getResolverPassThroughLocal() {
        return answeredLocally.sum();
    }
}
