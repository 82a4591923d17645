package io.tanpopo.testkit;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When to inject a fault: a command, optionally only for one user, on its n-th occurrence (counted
 * per rule, from 1) or on every one.
 *
 * @param command the command keyword, e.g. {@code RETR}
 * @param user only sessions of this user (the name given by USER/APOP, or the logged-in account)
 * @param occurrence 1 for the first matching command, 2 for the second, ...; 0 for every one
 * @param fault what happens
 */
public record FaultRule(String command, Optional<String> user, int occurrence, Fault fault) {

    public FaultRule {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fault, "fault");
        command = command.toUpperCase(Locale.ROOT);
        if (!command.matches("[A-Z0-9-]{1,20}")) {
            throw new IllegalArgumentException("not a command keyword: '" + command + "'");
        }
        if (occurrence < 0) {
            throw new IllegalArgumentException("occurrence must be 0 (every) or from 1, not " + occurrence);
        }
    }

    boolean matches(String keyword, Optional<String> sessionUser) {
        return command.equals(keyword) && (user.isEmpty() || user.equals(sessionUser));
    }
}
