package io.tanpopo.auth.passwd;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of one reading of a password file, and what was wrong with the lines that were skipped.
 *
 * @param entries users by name
 * @param problems one text per skipped line, {@code "line N: why"} (never the secret)
 */
public record PasswdTable(Map<String, PasswdEntry> entries, List<String> problems) {

    public PasswdTable {
        entries = Map.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public Optional<PasswdEntry> find(String user) {
        return Optional.ofNullable(entries.get(user));
    }

    /** Whether every user has a {@code {PLAIN}} password (and there is at least one user). */
    public boolean allPlain() {
        return !entries.isEmpty()
                && entries.values().stream().allMatch(e -> e.password().scheme() == PasswordScheme.PLAIN);
    }

    /**
     * A stored password to verify against when the user is unknown, so that an unknown user costs
     * as much as a known one: the first hashed entry, or a plain dummy when there is none.
     */
    public StoredPassword dummy() {
        return entries.values().stream()
                .filter(e -> e.password().scheme() != PasswordScheme.PLAIN)
                .min((a, b) -> Integer.compare(a.lineNumber(), b.lineNumber()))
                .map(PasswdEntry::password)
                .orElse(new StoredPassword(PasswordScheme.PLAIN, "\u0000dummy"));
    }
}
