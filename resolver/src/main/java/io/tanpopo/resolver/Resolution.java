package io.tanpopo.resolver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of resolving one client address.
 *
 * @param outcome  name, no name or temporary failure
 * @param name     the host name, present exactly when {@code outcome} is {@link Outcome#NAME}
 * @param strategy which strategy answered ({@code hosts}, {@code local-ptr}, {@code dns}), or
 *                 {@code chain} / {@code cache-limit} / {@code disabled} when none did
 * @param elapsed  time taken by the lookup (zero-ish for cached answers)
 * @param source   a short human description: hosts line, zone, DNS server and rcode
 * @param ttl      how long the answer may be reused; the cache caps it further
 * @param cached   whether this answer came from the cache
 */
public record Resolution(
        Outcome outcome,
        Optional<String> name,
        String strategy,
        Duration elapsed,
        String source,
        Duration ttl,
        boolean cached) {

    private static final String DEADLINE_TEXT = "deadline of ";

    /** Validates that a name is present exactly for {@link Outcome#NAME}. */
    public Resolution {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ttl, "ttl");
        if (name.isPresent() != (outcome == Outcome.NAME)) {
            throw new IllegalArgumentException("a name is present exactly for outcome NAME: " + outcome);
        }
    }

    /** A successful lookup. */
    public static Resolution named(String name, String strategy, Duration elapsed, String source, Duration ttl) {
        return new Resolution(Outcome.NAME, Optional.of(name), strategy, elapsed, source, ttl, false);
    }

    /** An authoritative absence of a name. */
    public static Resolution noName(String strategy, Duration elapsed, String source, Duration ttl) {
        return new Resolution(Outcome.NO_NAME, Optional.empty(), strategy, elapsed, source, ttl, false);
    }

    /** A temporary failure; the caller should treat the client as unnamed for now. */
    public static Resolution temporaryFailure(String strategy, Duration elapsed, String source) {
        return new Resolution(
                Outcome.TEMPORARY_FAILURE, Optional.empty(), strategy, elapsed, source, Duration.ZERO, false);
    }

    /** A temporary failure because the lookup's deadline passed while {@code strategy} was asked. */
    public static Resolution deadlineExceeded(String strategy, Duration elapsed, Duration deadline) {
        return temporaryFailure(strategy, elapsed, DEADLINE_TEXT + deadline.toMillis() + " ms exceeded");
    }

    /** Whether this is a temporary failure because the deadline passed (for metrics). */
    public boolean isDeadlineExceeded() {
        return outcome == Outcome.TEMPORARY_FAILURE && source.startsWith(DEADLINE_TEXT);
    }

    /** This answer as served again from the cache. */
    public Resolution asCached() {
        return new Resolution(outcome, name, strategy, Duration.ZERO, source, ttl, true);
    }

    /** This answer with the total time of the lookup. */
    public Resolution withElapsed(Duration total) {
        return new Resolution(outcome, name, strategy, total, source, ttl, cached);
    }

    /** A one-line form for logs: {@code NAME mail.example (dns, 12 ms, 127.0.0.1:53 NOERROR)}. */
    public String describe() {
        return outcome + name.map(n -> " " + n).orElse("") + " (" + strategy + ", " + elapsed.toMillis() + " ms"
                + (cached ? ", cached" : "") + ", " + source + ")";
    }
}
