package io.tanpopo.auth.sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs a {@link UserQuery} for one user within a deadline and reads what comes back as untrusted
 * input: at most two rows are fetched (two are refused), each value at most {@link #MAX_VALUE}
 * octets, NULL taken as absent. Everything the driver throws is a {@link Lookup.Unavailable}: a
 * database that is down, slow or refusing, or a query it cannot run, is not the client's fault.
 */
final class RowReader {

    /** The longest value read from a column, in UTF-8 octets (a password hash or a path). */
    static final int MAX_VALUE = 4096;

    private final DataSource source;
    private final Duration timeout;

    RowReader(DataSource source, Duration timeout) {
        this.source = Objects.requireNonNull(source, "source");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Lookup read(UserQuery query, String user) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = source.getConnection()) {
            int left = millisLeft(deadline);
            if (left <= 0) {
                return new Lookup.Unavailable("no connection within auth.sql.timeout " + timeout.toMillis() + "ms");
            }
            // The network timeout bounds both a slow database and one that stopped answering. The
            // query timeout only backs it up, a second later: PostgreSQL's driver cancels over a new
            // connection and waits for that, which a frozen server would drag out by 10 s.
            connection.setNetworkTimeout(Runnable::run, left);
            try (PreparedStatement statement = connection.prepareStatement(query.jdbc())) {
                statement.setQueryTimeout((left + 999) / 1000 + 1);
                statement.setMaxRows(2);
                statement.setFetchSize(2);
                statement.setMaxFieldSize(MAX_VALUE + 1);
                for (int i = 1; i <= query.parameters(); i++) {
                    statement.setString(i, user);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return first(query, rows);
                }
            }
        } catch (SQLException e) {
            return new Lookup.Unavailable(query.key() + ": " + describe(e));
        }
    }

    private static Lookup first(UserQuery query, ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return new Lookup.None();
        }
        Columns columns = Columns.of(rows.getMetaData());
        Optional<String> password = value(rows, columns.password());
        Optional<String> home = value(rows, columns.home());
        if (home.isEmpty()) {
            home = value(rows, columns.maildir());
        }
        if (rows.next()) {
            return new Lookup.Unusable(query.key() + " returned more than one row");
        }
        if (Columns.tooLong(password) || Columns.tooLong(home)) {
            return new Lookup.Unusable(query.key() + " returned a value longer than " + MAX_VALUE + " octets");
        }
        return new Lookup.Row(password, home);
    }

    private static Optional<String> value(ResultSet rows, int column) throws SQLException {
        return column == 0 ? Optional.empty() : Optional.ofNullable(rows.getString(column));
    }

    private static int millisLeft(long deadline) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
    }

    /** The driver's message with the SQL state and the causes' messages: never the password, never the URL's secrets. */
    private static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e.getSQLState() != null) {
            text.append(" (SQL state ").append(e.getSQLState()).append(')');
        }
        for (Throwable cause = e.getCause(); cause != null && text.length() < 1000; cause = cause.getCause()) {
            text.append("; ").append(cause.getMessage());
        }
        return text.toString().replaceAll("\\p{Cntrl}", " ");
    }

    /** Where the columns a login reads are, by name (any case); 0 for a column the query does not return. */
    private record Columns(int password, int home, int maildir) {

        static Columns of(ResultSetMetaData meta) throws SQLException {
            int password = 0;
            int home = 0;
            int maildir = 0;
            for (int i = meta.getColumnCount(); i >= 1; i--) {
                switch (meta.getColumnLabel(i).toLowerCase(Locale.ROOT)) {
                    case "password" -> password = i;
                    case "home" -> home = i;
                    case "maildir" -> maildir = i;
                    default -> {}
                }
            }
            return new Columns(password, home, maildir);
        }

        static boolean tooLong(Optional<String> value) {
            return value.map(v -> v.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE)
                    .orElse(false);
        }
    }
}
