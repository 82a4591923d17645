package io.tanpopo.pop3.login;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long to wait before answering a failed login: a base delay that doubles with each failure
 * from the same client, up to a cap; a successful login resets it. A client is an
 * {@link AddressBuckets} bucket: an IPv4 address, an IPv6 network of {@code limits.ipv6-prefix}
 * bits, or the one bucket of clients whose address is unknown, so that neither a /64's 2^64
 * addresses nor a proxy's health checks get fresh or shared counters. The number of buckets
 * remembered is bounded (least recently failed ones are forgotten first).
 */
public final class LoginThrottle {

    private static final int MAX_ADDRESSES = 10_000;

    private final Duration base;
    private final Duration cap;
    private final AddressBuckets buckets;
    /** Failures by client, the least recently failed dropped beyond {@link #MAX_ADDRESSES}. */
    private final Map<InetAddress, Integer> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Integer> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    public LoginThrottle(Duration base, Duration cap) {
        this(base, cap, AddressBuckets.standard());
    }

    public LoginThrottle(Duration base, Duration cap, AddressBuckets buckets) {
        this.base = base;
        this.cap = cap;
        this.buckets = buckets;
    }

    /** Records a failure from {@code client} and returns the delay before answering it. */
    public synchronized Duration failed(InetAddress client) {
        int count = failures.merge(buckets.of(client), 1, (a, b) -> Math.min(a + b, 32));
        Duration delay = base.multipliedBy(1L << Math.min(count - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public synchronized void succeeded(InetAddress client) {
        failures.remove(buckets.of(client));
    }

    synchronized int tracked() {
        return failures.size();
    }
}
