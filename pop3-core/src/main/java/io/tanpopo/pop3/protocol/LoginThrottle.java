package io.tanpopo.pop3.protocol;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long to wait before answering a failed login: a base delay that doubles with each failure
 * from the same client address, up to a cap; a successful login resets it. The number of
 * addresses remembered is bounded (least recently failed ones are forgotten first).
 */
public final class LoginThrottle {

    private static final int MAX_ADDRESSES = 10_000;

    private final Duration base;
    private final Duration cap;
    /** Made at the first failure: most servers (every test server) never see one. */
    private Map<InetAddress, Integer> failures;

    public LoginThrottle(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** Records a failure from {@code client} and returns the delay before answering it. */
    public synchronized Duration failed(InetAddress client) {
        if (failures == null) {
            failures = new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<InetAddress, Integer> eldest) {
                    return size() > MAX_ADDRESSES;
                }
            };
        }
        int count = failures.merge(client, 1, (a, b) -> Math.min(a + b, 32));
        Duration delay = base.multipliedBy(1L << Math.min(count - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public synchronized void succeeded(InetAddress client) {
        if (failures != null) {
            failures.remove(client);
        }
    }

    synchronized int tracked() {
        return failures == null ? 0 : failures.size();
    }
}
