package io.tanpopo.auth.sql;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.passwd.EqualWork;
import io.tanpopo.auth.passwd.PasswordField;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.auth.passwd.StoredPassword;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users from an SQL database ({@code auth=sql}): {@link SqlAuthConfig#passwordQuery} gives a
 * user's row, whose {@code password} column holds {@code {SCHEME}hash} as a password file does
 * ({@link PasswordField}), and whose {@code home} or {@code maildir} column, or the
 * {@link SqlAuthConfig#userQuery}'s, becomes the account's home for {@code store.maildir.path}.
 *
 * <p>Outcomes: no row, a wrong password, a NULL or unreadable password, more than one row, and a
 * user name longer than {@link #MAX_USER_OCTETS} octets (never sent to the database) are all
 * {@code Rejected}, the odd rows logged at WARN. A database that is down, slow or refusing is
 * {@code Unavailable} ({@code -ERR [SYS/TEMP]}) within {@link SqlAuthConfig#timeout}. A right
 * password whose user has no usable home (relative, or no user-query row) is {@code Failed}.
 *
 * <p>Timing: every attempt does at least the hash work of the costliest stored password met so far:
 * an unknown user is verified against a dummy made like it, and a cheaper user verifies the dummy
 * too ({@link EqualWork}). Until the first row is read the dummy costs nothing.
 *
 * <p>Blocking: every call talks to the database, so the server runs it on its authentication
 * threads ({@link #blocks()}).
 */
public final class SqlAuthenticator implements Authenticator {

    /** The longest user name sent to the database, in UTF-8 octets. */
    public static final int MAX_USER_OCTETS = 255;

    private static final Logger LOG = LoggerFactory.getLogger(SqlAuthenticator.class);

    private final SqlAuthConfig config;
    private final RowReader rows;
    private final PasswordHasher hasher;
    private final EqualWork equalWork;
    private final AtomicReference<EqualWork.Dummy> dummy;

    public SqlAuthenticator(DataSource source, SqlAuthConfig config, PasswordHasher hasher) {
        this(source, config, hasher, hasher::verify);
    }

    /** With every verification going through {@code verifier} (tests count the hash work with it). */
    SqlAuthenticator(
            DataSource source,
            SqlAuthConfig config,
            PasswordHasher hasher,
            BiPredicate<StoredPassword, byte[]> verifier) {
        this.config = Objects.requireNonNull(config, "config");
        this.rows = new RowReader(source, config.timeout());
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.equalWork = new EqualWork(hasher, verifier);
        this.dummy = new AtomicReference<>(equalWork.dummyLike(Optional.empty()));
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        String user = request.user();
        if (user.getBytes(StandardCharsets.UTF_8).length > MAX_USER_OCTETS) {
            equalWork.verify(Optional.empty(), request.password(), dummy.get());
            return AuthResult.rejected();
        }
        Lookup lookup = rows.read(config.passwordQuery(), user);
        if (lookup instanceof Lookup.Unavailable down) {
            LOG.warn("SQL lookup of user {} failed: {}", user, down.why());
            return new AuthResult.Unavailable(down.why());
        }
        Optional<StoredPassword> stored = stored(user, lookup);
        if (!equalWork.verify(stored, request.password(), dummyFor(stored))) {
            return AuthResult.rejected();
        }
        return account(user, ((Lookup.Row) lookup).home());
    }

    /** The row's usable stored password; empty (after a WARN for the odd cases) when there is none. */
    private Optional<StoredPassword> stored(String user, Lookup lookup) {
        if (lookup instanceof Lookup.Unusable odd) {
            LOG.warn("SQL lookup of user {}: {}; login refused", user, odd.why());
            return Optional.empty();
        }
        if (!(lookup instanceof Lookup.Row row)) {
            return Optional.empty();
        }
        if (row.password().isEmpty()) {
            LOG.warn("SQL lookup of user {}: no password (NULL, or no column named password); login refused", user);
            return Optional.empty();
        }
        try {
            StoredPassword stored = PasswordField.parse(row.password().get(), config.defaultScheme());
            if (hasher.isWellFormed(stored)) {
                return Optional.of(stored);
            }
            LOG.warn(
                    "SQL lookup of user {}: malformed {{}} value; login refused",
                    user,
                    stored.scheme().label());
        } catch (IllegalArgumentException e) {
            LOG.warn("SQL lookup of user {}: {}; login refused", user, e.getMessage());
        }
        return Optional.empty();
    }

    /** The dummy in force, first made costlier when {@code stored} costs more than any before. */
    private EqualWork.Dummy dummyFor(Optional<StoredPassword> stored) {
        EqualWork.Dummy current = dummy.get();
        if (stored.isEmpty() || equalWork.work(stored.get()) <= current.work()) {
            return current;
        }
        EqualWork.Dummy costlier = equalWork.dummyLike(stored);
        return dummy.accumulateAndGet(costlier, (a, b) -> a.work() >= b.work() ? a : b);
    }

    private AuthResult account(String user, Optional<String> rowHome) {
        Optional<String> home = rowHome;
        if (config.userQuery().isPresent()) {
            Lookup lookup = rows.read(config.userQuery().get(), user);
            if (lookup instanceof Lookup.Unavailable down) {
                LOG.warn("SQL user lookup of {} failed: {}", user, down.why());
                return new AuthResult.Unavailable(down.why());
            }
            if (!(lookup instanceof Lookup.Row row)) {
                return failed(user, "auth.sql.user-query gave no usable row");
            }
            home = row.home().or(() -> rowHome);
        }
        if (home.isEmpty()) {
            return AuthResult.accepted(Account.named(user));
        }
        try {
            Path path = Path.of(home.get());
            if (path.isAbsolute()) {
                return AuthResult.accepted(new Account(user, Optional.of(path.normalize()), Map.of()));
            }
        } catch (InvalidPathException e) {
            return failed(user, "its home or maildir column is not a valid path");
        }
        return failed(user, "its home or maildir column is not an absolute path");
    }

    private static AuthResult failed(String user, String why) {
        LOG.warn("SQL login of user {}: {}; login refused", user, why);
        return new AuthResult.Failed(why);
    }
}
