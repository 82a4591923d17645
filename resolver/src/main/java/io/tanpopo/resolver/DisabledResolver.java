package io.tanpopo.resolver;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The resolver for {@code resolver.strategies=none}: answers every address at once with no name,
 * strategy {@code disabled}, like Dovecot, which never resolves clients.
 */
public final class DisabledResolver implements HostResolver {

    private static final Resolution DISABLED =
            Resolution.noName("disabled", Duration.ZERO, "resolution disabled", Duration.ZERO);

    @Override
    public CompletableFuture<Resolution> resolve(InetAddress address) {
        return CompletableFuture.completedFuture(DISABLED);
    }

    @Override
    public Optional<Resolution> resolveFromMemory(InetAddress address) {
        return Optional.of(DISABLED);
    }
}
