package io.tanpopo.resolver.strategy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one strategy says about one address.
 *
 * @param kind   name, no name, temporary failure, or pass ("not mine, ask the next")
 * @param name   the name, present exactly for {@link Kind#NAME}
 * @param source short detail: hosts line number, zone, DNS server and rcode
 * @param ttl    how long the answer may be reused (the cache caps it)
 * @param soa    the SOA of a negative DNS answer, if any
 */
public record StrategyAnswer(Kind kind, Optional<String> name, String source, Duration ttl, Optional<NegativeSoa> soa) {

    /** The kinds of answer a strategy can give. */
    public enum Kind {
        NAME,
        NO_NAME,
        TEMPORARY_FAILURE,
        PASS
    }

    /** Validates that a name is present exactly for {@link Kind#NAME}. */
    public StrategyAnswer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(soa, "soa");
        if (name.isPresent() != (kind == Kind.NAME)) {
            throw new IllegalArgumentException("a name is present exactly for kind NAME: " + kind);
        }
    }

    /** A name with its TTL. */
    public static StrategyAnswer named(String name, String source, Duration ttl) {
        return new StrategyAnswer(Kind.NAME, Optional.of(name), source, ttl, Optional.empty());
    }

    /** No name, optionally with the SOA of a negative DNS answer. */
    public static StrategyAnswer noName(String source, Duration ttl, Optional<NegativeSoa> soa) {
        return new StrategyAnswer(Kind.NO_NAME, Optional.empty(), source, ttl, soa);
    }

    /** A temporary failure. */
    public static StrategyAnswer temporaryFailure(String source) {
        return new StrategyAnswer(Kind.TEMPORARY_FAILURE, Optional.empty(), source, Duration.ZERO, Optional.empty());
    }

    /** Not this strategy's address. */
    public static StrategyAnswer pass(String source) {
        return new StrategyAnswer(Kind.PASS, Optional.empty(), source, Duration.ZERO, Optional.empty());
    }

    /** Whether the chain should stop here (a name or an authoritative no name). */
    public boolean isDefinitive() {
        return kind == Kind.NAME || kind == Kind.NO_NAME;
    }
}
