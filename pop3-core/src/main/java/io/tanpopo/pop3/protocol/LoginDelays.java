package io.tanpopo.pop3.protocol;

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

    /** Records a login of {@code user} now; false when the previous one was too recent. */
    public synchronized boolean tryLogin(String user) {
        Instant now = clock.instant();
        Instant previous = lastLogin.get(user);
        if (previous != null && previous.plus(delay).isAfter(now)) {
            return false;
        }
        lastLogin.put(user, now);
        return true;
    }

    public Duration delay() {
        return delay;
    }
}
