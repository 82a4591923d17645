package io.tanpopo.resolver.strategy;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One way of finding a client's name (hosts file, locally-served zones, DNS). Strategies are
 * tried in order by the chain; the first definitive answer wins.
 *
 * <p>Contract: the address given is already unmapped (never IPv4-mapped IPv6); the future should
 * complete normally, with {@link StrategyAnswer.Kind#PASS} when the address is "not mine". The
 * chain turns an exceptional completion into a temporary failure and enforces the deadline, so a
 * strategy need not bound its own time.
 */
public interface ResolverStrategy {

    /** The name used in configuration and reports, e.g. {@code dns}. */
    String name();

    /**
     * Looks up one address.
     *
     * @param address an unmapped client address
     * @return the answer; should not complete exceptionally
     */
    CompletableFuture<StrategyAnswer> lookup(InetAddress address);

    /**
     * The answer {@link #lookup} would give, when it is known without any I/O or waiting (what the
     * strategy already holds in memory); empty when finding it needs either. Called on threads that
     * must not block.
     *
     * @param address an unmapped client address
     */
    default Optional<StrategyAnswer> answerFromMemory(InetAddress address) {
        return Optional.empty();
    }
}
