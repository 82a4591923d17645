package io.tanpopo.resolver;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded LRU map from address to resolution, with an expiry per entry: names by their TTL
 * capped, no name by the negative TTL (RFC 2308 §5) capped, temporary failures briefly.
 */
public final class ResolverCache {

    private final CacheLimits limits;
    private final Clock clock;
    private final Map<InetAddress, Entry> entries;

    /**
     * @param limits sizes and TTL bounds
     * @param clock  decides expiry
     */
    public ResolverCache(CacheLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Entry> eldest) {
                return size() > limits.maxEntries();
            }
        };
    }

    /** The unexpired resolution for {@code address}, marked as cached. */
    public synchronized Optional<Resolution> get(InetAddress address) {
        Entry entry = entries.get(address);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(address);
            return Optional.empty();
        }
        return Optional.of(entry.resolution().asCached());
    }

    /** Remembers {@code resolution} for as long as its outcome allows. */
    public synchronized void put(InetAddress address, Resolution resolution) {
        Duration ttl = ttlFor(resolution);
        if (!ttl.isZero()) {
            entries.put(address, new Entry(resolution, clock.instant().plus(ttl)));
        }
    }

    /** The number of entries, expired or not. */
    public synchronized int size() {
        return entries.size();
    }

    Duration ttlFor(Resolution resolution) {
        return switch (resolution.outcome()) {
            case NAME -> clamp(resolution.ttl(), limits.maxNameTtl());
            case NO_NAME -> clamp(resolution.ttl(), limits.maxNegativeTtl());
            case TEMPORARY_FAILURE -> limits.failureTtl();
        };
    }

    private Duration clamp(Duration ttl, Duration cap) {
        Duration floored = ttl.compareTo(limits.minTtl()) < 0 ? limits.minTtl() : ttl;
        return floored.compareTo(cap) > 0 ? cap : floored;
    }

    private record Entry(Resolution resolution, Instant expires) {}
}
