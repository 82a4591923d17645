package io.tanpopo.app.metrics;

import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.store.MessageInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's counters, fed as a {@link SessionListener} and by two hooks: {@link #authenticated}
 * (the app wraps the authenticator in a {@link TimedAuthenticator}) and {@link #resolved}, which the
 * client-name resolver integration calls once per lookup with its outcome ({@code name},
 * {@code no_name}, {@code temporary_failure}, or any other short label) and how long it took.
 * Shown over JMX and as Prometheus text. Lock-free; labels are bounded by what callers pass.
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

    /** One client-name lookup ended with {@code outcome} after {@code took} (the resolver's hook). */
    public void resolved(String outcome, Duration took) {
        String label = outcome.matches("[a-z_]{1,32}") ? outcome : "other";
        resolver.computeIfAbsent(label, k -> new Timing()).add(took);
    }

    /** Lookups by outcome, sorted. */
    Map<String, Timing> resolverByOutcome() {
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
}
