package io.tanpopo.auth.sql;

import io.tanpopo.auth.passwd.PasswordField;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How accounts are looked up in SQL (the connection itself is the caller's {@code DataSource}).
 *
 * @param passwordQuery {@code auth.sql.password-query}: takes {@code :user}, returns at most one row
 *     with a {@code password} column and optionally {@code home} or {@code maildir}
 * @param userQuery {@code auth.sql.user-query}: run after a right password when set, for {@code
 *     home} or {@code maildir}
 * @param defaultScheme {@code auth.sql.default-scheme}: the scheme of a password stored without
 *     {@code {SCHEME}} (default CRYPT: a crypt string)
 * @param timeout {@code auth.sql.timeout}: the longest a login waits for the database, connecting
 *     included (250 ms to 5 min)
 */
public record SqlAuthConfig(
        UserQuery passwordQuery, Optional<UserQuery> userQuery, String defaultScheme, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** HikariCP's shortest connection timeout. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(250);

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    public SqlAuthConfig {
        Objects.requireNonNull(passwordQuery, "auth.sql.password-query must be set");
        Objects.requireNonNull(userQuery, "userQuery");
        Objects.requireNonNull(defaultScheme, "auth.sql.default-scheme must be set");
        Objects.requireNonNull(timeout, "auth.sql.timeout must be set");
        if (!PasswordField.isScheme(defaultScheme)) {
            throw new IllegalArgumentException("auth.sql.default-scheme: unknown scheme '" + defaultScheme
                    + "' (PLAIN, CRYPT, SHA512-CRYPT, BLF-CRYPT, ARGON2ID or MD5-CRYPT)");
        }
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("auth.sql.timeout must be between 250ms and 5m, was " + timeout);
        }
    }

    /** The queries as written, translated; {@code userQuery} may be empty. */
    public static SqlAuthConfig of(
            String passwordQuery, Optional<String> userQuery, String defaultScheme, Duration timeout) {
        return new SqlAuthConfig(
                UserQuery.parse("auth.sql.password-query", passwordQuery),
                userQuery.map(q -> UserQuery.parse("auth.sql.user-query", q)),
                defaultScheme,
                timeout);
    }
}
