package io.tanpopo.app.log;

import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.resolver.AddressText;
import io.tanpopo.store.MessageInfo;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one INFO line per session when it ends, on the logger {@code tanpopo.session}, as
 * {@code key=value} text or as JSON ({@code log.format}). Only session facts go in; the listener
 * never sees passwords or SASL responses (they reach listeners masked).
 */
public final class SessionSummaryLog implements SessionListener {

    /** The line's format. */
    public enum Format {
        TEXT,
        JSON
    }

    private static final Logger LOG = LoggerFactory.getLogger("tanpopo.session");

    private final Format format;
    private final Clock clock;
    private final Consumer<String> sink;
    /** Start times of open sessions only: an entry goes when its session closes. */
    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    public SessionSummaryLog(Format format, Clock clock) {
        this(format, clock, LOG::info);
    }

    /** Writes lines to {@code sink} instead of the log (tests). */
    public SessionSummaryLog(Format format, Clock clock, Consumer<String> sink) {
        this.format = format;
        this.clock = clock;
        this.sink = sink;
    }

    @Override
    public void opened(Pop3Session session) {
        started.put(session.id(), clock.instant());
    }

    @Override
    public void closed(Pop3Session session, String how) {
        Instant start = started.remove(session.id());
        SessionSummary summary =
                summarize(session, how, start == null ? Duration.ZERO : Duration.between(start, clock.instant()));
        sink.accept(format == Format.JSON ? summary.json() : summary.text());
    }

    /** {@code 192.0.2.7:1234}, or {@code [2001:db8::7]:1234} with the IPv6 address in RFC 5952 form (its §6). */
    static String clientText(InetSocketAddress client) {
        return AddressText.of(client);
    }

    static SessionSummary summarize(Pop3Session session, String how, Duration duration) {
        InetSocketAddress client = session.connection().remote();
        BitSet retrieved = session.retrieved();
        List<MessageInfo> messages = session.messages();
        long octets = retrieved.stream()
                .filter(i -> i < messages.size())
                .mapToLong(i -> messages.get(i).size())
                .sum();
        return new SessionSummary(
                session.id(),
                session.account().map(a -> a.name()),
                session.connection().remoteKnown() ? clientText(client) : "unknown",
                session.connection().remoteHostName(),
                retrieved.cardinality(),
                octets,
                session.deleted().cardinality(),
                duration,
                how);
    }
}
