package io.tanpopo.app;

import com.zaxxer.hikari.HikariDataSource;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.auth.sql.SqlAuthConfig;
import io.tanpopo.auth.sql.SqlAuthenticator;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auth=sql}: the {@code auth.sql.*} keys into a HikariCP pool and a {@link SqlAuthenticator}.
 * The pool connects at the first login, not at start, so the server starts (and {@code
 * check-config} passes) while the database is down; every login then waits at most {@code
 * auth.sql.timeout} for a connection, and the query gets what is left of it.
 */
final class SqlWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SqlWiring.class);

    private final Settings settings;

    SqlWiring(Settings settings) {
        this.settings = settings;
    }

    /** The authenticator; its pool goes to {@code resources}, to be closed when the server stops. */
    Authenticator authenticator(Consumer<AutoCloseable> resources) {
        SqlAuthConfig config = settings.validated(() -> SqlAuthConfig.of(
                settings.string("auth.sql.password-query"),
                settings.text("auth.sql.user-query"),
                settings.string("auth.sql.default-scheme"),
                settings.duration("auth.sql.timeout")));
        String url = settings.string("auth.sql.url");
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            // Only the driver's part of the URL: other drivers put credentials where we would not mask them.
            String driver = url.replaceFirst("^([^:]*:[^:]*:).*", "$1");
            throw settings.error(
                    "auth.sql.url",
                    "names no JDBC driver included (jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:), not '" + driver
                            + "...'");
        }
        HikariDataSource pool = pool(url, config);
        resources.accept(pool);
        LOG.info(
                "accounts from SQL at {} (pool of {}, timeout {})",
                JdbcUrls.withoutCredentials(url),
                pool.getMaximumPoolSize(),
                config.timeout());
        return new SqlAuthenticator(pool, config, new PasswordHasher(new SecureRandom(), HashingParameters.defaults()));
    }

    private HikariDataSource pool(String url, SqlAuthConfig config) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("tanpopo-sql");
        pool.setJdbcUrl(url);
        settings.text("auth.sql.username").ifPresent(pool::setUsername);
        settings.text("auth.sql.password").ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(settings.integer("auth.sql.pool-size", 1, 1000));
        pool.setMinimumIdle(1);
        long timeout = config.timeout().toMillis();
        pool.setConnectionTimeout(timeout);
        pool.setValidationTimeout(Math.max(SqlAuthConfig.MIN_TIMEOUT.toMillis(), timeout / 2));
        // Start while the database is down: logins answer -ERR [SYS/TEMP] until it is back.
        pool.setInitializationFailTimeout(-1);
        pool.setReadOnly(true);
        return pool;
    }
}
