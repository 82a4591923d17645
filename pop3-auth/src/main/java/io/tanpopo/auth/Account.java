package io.tanpopo.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An authenticated user, as the authenticator knows it.
 *
 * @param name the user name the mail store opens a maildrop for (may differ from what the client
 *     typed, for example when a checkpassword program reports another {@code USER})
 * @param home the user's home directory when the backend knows one (checkpassword's {@code HOME},
 *     a password file's home field); mail stores use it for {@code {home}} placeholders
 * @param attributes further facts the backend learned (for example a checkpassword program's
 *     environment); never secrets
 */
public record Account(String name, Optional<Path> home, Map<String, String> attributes) {

    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        attributes = Map.copyOf(attributes);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("account name must not be empty");
        }
    }

    /** An account with a name only. */
    public static Account named(String name) {
        return new Account(name, Optional.empty(), Map.of());
    }
}
