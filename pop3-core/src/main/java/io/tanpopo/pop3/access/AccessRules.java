package io.tanpopo.pop3.access;

import io.tanpopo.resolver.Outcome;
import io.tanpopo.resolver.Resolution;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Access rules in the spirit of tcprules(1): the first rule that matches decides; when none does
 * the client is allowed, as tcpserver does. Rules on addresses decide at once; a rule that names a
 * host needs the client's name, so the decision waits for the lookup (never past its deadline).
 * A name that does not exist simply does not match; a lookup that failed temporarily follows the
 * {@link TemporaryFailurePolicy}.
 *
 * @param rules  in file order
 * @param policy what a host rule does on a temporary lookup failure
 */
public record AccessRules(List<AccessRule> rules, TemporaryFailurePolicy policy) {

    private static final AccessRules NONE = new AccessRules(List.of(), TemporaryFailurePolicy.NO_MATCH);
    /** What every client without a matching rule gets, decided at each connection. */
    private static final Optional<AccessDecision> NO_RULE_MATCHED =
            Optional.of(AccessDecision.allow("no rule matched"));

    /** Copies the rules. */
    public AccessRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(policy, "policy");
    }

    /** No rules: everyone is allowed. */
    public static AccessRules none() {
        return NONE;
    }

    /** Whether any rule needs the client's name. */
    public boolean needsNames() {
        return rules.stream().anyMatch(r -> r.pattern().namesHost());
    }

    /**
     * Decides on the address alone; empty when a rule that names a host comes before any rule that
     * matches the address, so the name is needed.
     */
    public Optional<AccessDecision> decideByAddress(InetAddress client) {
        for (AccessRule rule : rules) {
            if (rule.pattern().namesHost()) {
                return Optional.empty();
            }
            if (rule.pattern().matchesAddress(client)) {
                return Optional.of(rule.decision());
            }
        }
        return NO_RULE_MATCHED;
    }

    /**
     * Decides for a client whose address a proxy did not say: no address or host pattern can match
     * it (not even {@code 0.0.0.0/0}), so the first rule for every client (the empty pattern)
     * decides, and without one the client is allowed, as any client no rule matches.
     */
    public AccessDecision decideUnknown() {
        for (AccessRule rule : rules) {
            if (rule.pattern().kind() == RulePattern.Kind.DEFAULT) {
                return rule.decision();
            }
        }
        return AccessDecision.allow("no rule matched");
    }

    /** Decides with the outcome of the client's name lookup. */
    public AccessDecision decide(InetAddress client, Resolution resolution) {
        for (AccessRule rule : rules) {
            if (!rule.pattern().namesHost()) {
                if (rule.pattern().matchesAddress(client)) {
                    return rule.decision();
                }
            } else if (resolution.outcome() == Outcome.TEMPORARY_FAILURE) {
                if (policy == TemporaryFailurePolicy.DENY) {
                    return AccessDecision.deny(rule.where() + " (name lookup failed temporarily)");
                }
                if (policy == TemporaryFailurePolicy.ALLOW) {
                    return AccessDecision.allow(rule.where() + " (name lookup failed temporarily)");
                }
            } else if (resolution.name().map(rule.pattern()::matchesName).orElse(false)) {
                return rule.decision();
            }
        }
        return AccessDecision.allow("no rule matched");
    }
}
