package io.tanpopo.resolver;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the resolver cache.
 *
 * @param maxEntries     most addresses remembered (least recently used dropped first)
 * @param maxNameTtl     cap on the TTL of names (default 1 h)
 * @param maxNegativeTtl cap on the TTL of "no name" (default 15 min)
 * @param minTtl         floor for names and "no name", so a TTL of 0 does not query every login
 *                       (default 30 s)
 * @param failureTtl     how long a temporary failure is remembered (default 60 s): a dead DNS
 *                       server costs one deadline per address per this interval
 * @param maxInFlight    most lookups running at once; beyond, lookups are skipped (default 256)
 */
public record CacheLimits(
        int maxEntries,
        Duration maxNameTtl,
        Duration maxNegativeTtl,
        Duration minTtl,
        Duration failureTtl,
        int maxInFlight) {

    /** Validates the bounds, naming the configuration key on error. */
    public CacheLimits {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("resolver.cache-size: must be at least 1, was " + maxEntries);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("resolver.max-in-flight: must be at least 1, was " + maxInFlight);
        }
        requireNonNegative("resolver.cache-max-name-ttl", maxNameTtl);
        requireNonNegative("resolver.cache-max-negative-ttl", maxNegativeTtl);
        requireNonNegative("resolver.cache-min-ttl", minTtl);
        requireNonNegative("resolver.cache-failure-ttl", failureTtl);
    }

    /** The defaults: 10 000 entries, 1 h, 15 min, 30 s, 60 s, 256 in flight. */
    public static CacheLimits defaults() {
        return new CacheLimits(
                10_000,
                Duration.ofHours(1),
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                256);
    }

    private static void requireNonNegative(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + ": must not be negative, was " + value);
        }
    }
}
