package io.tanpopo.resolver;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The resolver for {@code resolver.strategies=none}: answers every address at once with no name,
 * strategy {@code disabled}, like Dovecot, which never resolves clients.
 */
public final class DisabledResolver implements HostResolver {

    @Override
    public CompletableFuture<Resolution> resolve(InetAddress address) {
        return CompletableFuture.completedFuture(
                Resolution.noName("disabled", Duration.ZERO, "resolution disabled", Duration.ZERO));
    }
}
