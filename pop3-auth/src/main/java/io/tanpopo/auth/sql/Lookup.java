package io.tanpopo.auth.sql;

import java.util.Objects;
import java.util.Optional;

/** What one query for one user gave. */
sealed interface Lookup {

    /**
     * Exactly one row, its columns (absent: no such column, or NULL).
     *
     * @param password the {@code password} column
     * @param home the {@code home} column, else the {@code maildir} column
     */
    record Row(Optional<String> password, Optional<String> home) implements Lookup {
        public Row {
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(home, "home");
        }
    }

    /** No row: no such user. */
    record None() implements Lookup {}

    /** A row the login must not use: more than one, or a value too long; {@code why} is for the log. */
    record Unusable(String why) implements Lookup {}

    /** The database could not answer (down, slow, refusing); {@code why} is for the log. */
    record Unavailable(String why) implements Lookup {}
}
