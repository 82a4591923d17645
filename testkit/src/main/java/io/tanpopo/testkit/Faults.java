package io.tanpopo.testkit;

import io.tanpopo.auth.Account;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.OpenResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deterministic fault injection: rules per command, user and n-th occurrence, a seeded random
 * mode, and maildrop locks held as if by another session. Cleared by {@link Pop3Testkit#reset()}.
 * Thread-safe.
 *
 * <pre>{@code
 * kit.faults().on("RETR").forUser("alice").occurrence(2).dropMidBody(100);
 * kit.faults().on("PASS").err(ResponseCode.SYS_TEMP, "Try again later");
 * }</pre>
 */
public final class Faults {

    private final MailStore store;
    private final boolean locking;
    private final List<FaultRule> rules = new ArrayList<>();
    private final Map<FaultRule, Integer> ruleCounts = new HashMap<>();
    private final Map<String, Integer> randomCounts = new HashMap<>();
    private final List<InjectedFault> injected = new ArrayList<>();
    private final List<MaildropHold> holds = new ArrayList<>();
    private Optional<RandomFaults> random = Optional.empty();

    Faults(MailStore store, boolean locking) {
        this.store = store;
        this.locking = locking;
    }

    /** Starts a rule for {@code command} (e.g. {@code "RETR"}); finish it with what it does. */
    public FaultTarget on(String command) {
        return new FaultTarget(this, command, Optional.empty(), 0);
    }

    /** Adds a rule; rules are tried in the order added and the first that fires wins. */
    public synchronized void add(FaultRule rule) {
        rules.add(rule);
    }

    /** Hits each command with {@code probability}, decided by {@code seed} (see {@link RandomFaults}). */
    public synchronized void random(long seed, double probability, String... commands) {
        random = Optional.of(new RandomFaults(seed, probability, Set.of(commands)));
    }

    /**
     * Holds {@code user}'s maildrop lock until the returned hold is closed (or the kit is reset):
     * a client logging in meanwhile gets {@code -ERR [IN-USE]}. Works with in-memory mailboxes and
     * with maildirs (where the hold takes the maildir's {@code tanpopo.lock}, as a session would).
     *
     * @throws IllegalStateException when this profile does not lock maildrops, or it is held already
     */
    public synchronized MaildropHold holdLock(String user) {
        if (!locking) {
            throw new IllegalStateException("this server's profile does not lock maildrops, so no [IN-USE] can be met");
        }
        OpenResult opened = store.open(Account.named(user));
        if (!(opened instanceof OpenResult.Opened ok)) {
            throw new IllegalStateException("the maildrop of " + user + " is already held by a session");
        }
        MaildropHold hold = new MaildropHold(user, ok.maildrop());
        holds.add(hold);
        return hold;
    }

    /** The faults injected so far, in order. */
    public synchronized List<InjectedFault> injected() {
        return List.copyOf(injected);
    }

    /** Removes every rule and the random mode, forgets what was injected, releases held locks. */
    public synchronized void clear() {
        rules.clear();
        ruleCounts.clear();
        randomCounts.clear();
        injected.clear();
        random = Optional.empty();
        holds.forEach(MaildropHold::close);
        holds.clear();
    }

    /** The fault for this command, counting it against every matching rule. */
    synchronized Optional<Fault> decide(String session, Optional<String> user, String keyword) {
        Optional<InjectedFault> hit = Optional.empty();
        for (FaultRule rule : rules) {
            if (rule.matches(keyword, user)) {
                int n = ruleCounts.merge(rule, 1, Integer::sum);
                if (hit.isEmpty() && (rule.occurrence() == 0 || rule.occurrence() == n)) {
                    hit = Optional.of(new InjectedFault(session, user, keyword, n, rule.fault()));
                }
            }
        }
        if (random.isPresent()) {
            int n = randomCounts.merge(user.orElse("") + '\0' + keyword, 1, Integer::sum);
            if (hit.isEmpty()) {
                hit = random.get().pick(user, keyword, n).map(f -> new InjectedFault(session, user, keyword, n, f));
            }
        }
        hit.ifPresent(injected::add);
        return hit.map(InjectedFault::fault);
    }
}
