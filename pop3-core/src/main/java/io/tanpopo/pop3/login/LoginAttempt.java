package io.tanpopo.pop3.login;

import java.util.Objects;
import java.util.Optional;

/**
 * Who tried to log in and how, for the failed-login log line: the method ({@code USER} for
 * USER/PASS, {@code APOP}, or the SASL mechanism's name) and the user name the client gave, if it
 * got that far. Both are untrusted text; {@link FailedLoginLog} sanitises them.
 *
 * @param method how the client tried
 * @param user the name it tried, when it gave one
 */
public record LoginAttempt(String method, Optional<String> user) {

    public LoginAttempt {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(user, "user");
    }

    public static LoginAttempt of(String method, String user) {
        return new LoginAttempt(method, Optional.of(user));
    }
}
