package io.tanpopo.pop3.access;

import io.tanpopo.resolver.DisabledResolver;
import io.tanpopo.resolver.HostResolver;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server learns who its clients are: the resolver for their names, the longest anything
 * waits for a name, and the access rules. The greeting never waits for any of it.
 *
 * @param resolver the client name resolver ({@link DisabledResolver} for none)
 * @param deadline the longest a login or a host rule waits for the name, counted from accept;
 *                 normally the resolver's own {@code resolver.deadline}
 * @param rules    the access rules
 */
public record ClientChecks(HostResolver resolver, Duration deadline, AccessRules rules) {

    private static final ClientChecks NONE =
            new ClientChecks(new DisabledResolver(), Duration.ofSeconds(1), AccessRules.none());

    /** Validates the deadline (more than 0, at most a minute, like {@code resolver.deadline}). */
    public ClientChecks {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException(
                    "resolver.deadline: must be more than 0 and at most 1m, was " + deadline);
        }
    }

    /** No resolution, no rules: the embedded default, deterministic for tests. */
    public static ClientChecks none() {
        return NONE;
    }
}
