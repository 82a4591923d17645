package io.tanpopo.resolver;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decorates a resolver with a {@link ResolverCache}, shares one lookup among concurrent requests
 * for the same address, and bounds the lookups in flight: when the bound is reached a new lookup
 * is answered at once with a temporary failure instead of queueing (a flood of connections from
 * new addresses must not pile up DNS queries).
 */
public final class CachingResolver implements HostResolver {

    private final HostResolver delegate;
    private final ResolverCache cache;
    private final int maxInFlight;
    private final ConcurrentMap<InetAddress, CompletableFuture<Resolution>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param delegate    does the real lookups (usually a {@link ResolverChain})
     * @param cache       where answers are kept
     * @param maxInFlight most lookups running at once
     */
    public CachingResolver(HostResolver delegate, ResolverCache cache, int maxInFlight) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.maxInFlight = maxInFlight;
    }

    @Override
    public CompletableFuture<Resolution> resolve(InetAddress address) {
        InetAddress key = MappedAddresses.unmap(address);
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<Resolution> mine = new CompletableFuture<>();
        CompletableFuture<Resolution> shared = inFlight.putIfAbsent(key, mine);
        if (shared != null) {
            return shared.copy();
        }
        if (running.incrementAndGet() > maxInFlight) {
            running.decrementAndGet();
            inFlight.remove(key, mine);
            mine.complete(Resolution.temporaryFailure(
                    "cache-limit", Duration.ZERO, "skipped: too many lookups in flight (" + maxInFlight + ")"));
            return mine.copy();
        }
        start(key, mine);
        return mine.copy();
    }

    /** A cached outcome, or what the delegate knows from memory (then cached like any answer). */
    @Override
    public Optional<Resolution> resolveFromMemory(InetAddress address) {
        InetAddress key = MappedAddresses.unmap(address);
        Optional<Resolution> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Resolution> known = delegate.resolveFromMemory(key);
        known.ifPresent(resolution -> cache.put(key, resolution));
        return known;
    }

    private void start(InetAddress key, CompletableFuture<Resolution> mine) {
        CompletableFuture<Resolution> lookup;
        try {
            lookup = delegate.resolve(key);
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        // The callback turns a failure into a result itself; the stage it returns only repeats it.
        var unused = lookup.whenComplete((resolution, failure) -> {
            Resolution result = failure == null
                    ? resolution
                    : Resolution.temporaryFailure(
                            "cache",
                            Duration.ZERO,
                            "internal error: " + failure.getClass().getSimpleName());
            cache.put(key, result);
            inFlight.remove(key, mine);
            running.decrementAndGet();
            mine.complete(result);
        });
    }

    /** Lookups currently running, for metrics and tests. */
    public int inFlight() {
        return running.get();
    }
}
