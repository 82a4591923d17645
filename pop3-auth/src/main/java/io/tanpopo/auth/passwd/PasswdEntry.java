package io.tanpopo.auth.passwd;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One user of a password file.
 *
 * @param user the login name
 * @param password the stored password
 * @param home the home field, when present (always absolute)
 * @param lineNumber where the user is defined, for log lines
 */
public record PasswdEntry(String user, StoredPassword password, Optional<Path> home, int lineNumber) {

    public PasswdEntry {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(home, "home");
    }
}
