package io.tanpopo.resolver;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves a client address to a name, asynchronously.
 *
 * <p>The returned future always completes normally, within the configured deadline (plus
 * scheduling jitter): expected failures (timeouts, SERVFAIL, overload) are
 * {@link Outcome#TEMPORARY_FAILURE} values, never exceptions. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:a.b.c.d}, RFC 4291 §2.5.5.2) are treated as the IPv4 address. Callers must not
 * block an I/O thread on the future.
 */
public interface HostResolver {

    /**
     * Starts resolving {@code address}.
     *
     * @param address the client address
     * @return a future that completes normally with the resolution
     */
    CompletableFuture<Resolution> resolve(InetAddress address);

    /**
     * The resolution {@link #resolve} would give, when it is known without any I/O or waiting (a
     * cached outcome, a hosts file already read, a loopback or private address); empty when finding
     * it needs either. Lets a caller on an I/O thread settle a client at once instead of handing the
     * lookup to another thread. Must not block.
     */
    default Optional<Resolution> resolveFromMemory(InetAddress address) {
        return Optional.empty();
    }
}
