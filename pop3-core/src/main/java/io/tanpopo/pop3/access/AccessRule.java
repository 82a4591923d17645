package io.tanpopo.pop3.access;

import java.util.Map;
import java.util.Objects;

/**
 * One line of an access rules file: {@code PATTERN:allow[,VAR="value"...]} or
 * {@code PATTERN:deny}.
 *
 * @param pattern     which clients the rule is about
 * @param allow       allow or deny
 * @param environment variables for checkpassword when allowed (e.g. {@code RELAYCLIENT=""})
 * @param where       {@code file:line}, for logs and errors
 */
public record AccessRule(RulePattern pattern, boolean allow, Map<String, String> environment, String where) {

    /** Copies the environment; deny rules carry none. */
    public AccessRule {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(where, "where");
        environment = Map.copyOf(environment);
        if (!allow && !environment.isEmpty()) {
            throw new IllegalArgumentException("a deny rule sets no variables");
        }
    }

    /** The decision this rule gives when it matches. */
    public AccessDecision decision() {
        return new AccessDecision(allow, environment, where);
    }
}
