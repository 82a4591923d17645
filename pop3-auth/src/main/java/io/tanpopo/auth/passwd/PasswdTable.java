package io.tanpopo.auth.passwd;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /** Whether at least one user's password is stored in {@code scheme}. */
    public boolean anyStoredAs(PasswordScheme scheme) {
        return entries.values().stream().anyMatch(e -> e.password().scheme() == scheme);
    }

    /**
     * The stored password whose verification costs the most (by {@code cost}; the first such line
     * on a tie), or empty when there are no users. The authenticator makes its unknown-user dummy
     * in its image, once per reading of the file.
     */
    public Optional<StoredPassword> costliest(Function<StoredPassword, HashCost> cost) {
        Comparator<PasswdEntry> byWork =
                Comparator.comparingLong(e -> cost.apply(e.password()).work());
        return entries.values().stream()
                .max(byWork.thenComparing(
                        Comparator.comparingInt(PasswdEntry::lineNumber).reversed()))
                .map(PasswdEntry::password);
    }
}
