package io.tanpopo.pop3.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enforces the LOGIN-DELAY capability (RFC 2449 §6.5): a user who logged in less than the delay
 * ago is refused with {@code [LOGIN-DELAY]}. Bounded: only recent logins are remembered.
 */
public final class LoginDelays {

    private static final int MAX_USERS = 100_000;

    private final Duration delay;
    private final Clock clock;
    private final Map<String, Instant> lastLogin = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_USERS || eldest.getValue().plus(delay).isBefore(clock.instant());
        }
    };

    public LoginDelays(Duration delay, Clock clock) {
        this.delay = delay;
        this.clock = clock;
    }

    /** Whether {@code user}'s last successful login was less than the delay ago. */
    public synchronized boolean tooSoon(String user) {
        Instant previous = lastLogin.get(user);
        return previous != null && previous.plus(delay).isAfter(clock.instant());
    }

    /** Records a successful login of {@code user} now (RFC 2449 §8.1.2 counts only those). */
    public synchronized void record(String user) {
        lastLogin.put(user, clock.instant());
    }

    public Duration delay() {
        return delay;
    }
}
