package io.tanpopo.pop3.access;

import java.util.Map;
import java.util.Objects;

/**
 * What the access rules say about one client.
 *
 * @param allowed     whether the client may go on
 * @param environment variables for checkpassword programs (tcprules' {@code VAR="value"}), only
 *                    when allowed
 * @param rule        where the deciding rule is ({@code file:line}), or why none decided
 */
public record AccessDecision(boolean allowed, Map<String, String> environment, String rule) {

    /** Copies the environment; a denial carries none. */
    public AccessDecision {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(rule, "rule");
        if (!allowed && !environment.isEmpty()) {
            throw new IllegalArgumentException("a denial carries no environment");
        }
    }

    /** Allowed without any extra variables. */
    public static AccessDecision allow(String rule) {
        return new AccessDecision(true, Map.of(), rule);
    }

    /** Denied. */
    public static AccessDecision deny(String rule) {
        return new AccessDecision(false, Map.of(), rule);
    }
}
