package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.PostgresDaemon;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server with {@code auth=sql} on a real PostgreSQL that is stopped, then frozen (SIGSTOP),
 * under it: a login meanwhile gets {@code -ERR [SYS/TEMP]} within {@code auth.sql.timeout} and
 * may try again in the same session, a session logged in before goes on and commits, the server
 * keeps serving, and logins work again as soon as the database is back.
 */
@RequiresProgram(value = PostgresDaemon.INITDB, debianPackage = "postgresql-15")
@RequiresProgram(value = PostgresDaemon.PG_CTL, debianPackage = "postgresql-15")
class SqlAuthServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The timeout, and room for a busy machine to answer after it. */
    private static final Duration WITHIN = TIMEOUT.plusMillis(1500);

    @TempDir
    Path dir;

    private PostgresDaemon db;
    private ServiceWiring service;
    private Pop3Server server;

    @BeforeEach
    void start() throws Exception {
        db = new PostgresDaemon(Files.createDirectory(dir.resolve("db")));
        db.sql("CREATE TABLE users (name text PRIMARY KEY, password text, home text);"
                + "CREATE ROLE pop LOGIN PASSWORD 'pop-Pw-1'; GRANT SELECT ON users TO pop;"
                + "INSERT INTO users VALUES ('alice', '{PLAIN}alice-pw', '" + home("alice") + "'),"
                + " ('bob', '{MD5-CRYPT}$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0', '" + home("bob") + "');");
        Settings settings = TestConfig.settings(
                "pop3.port=0",
                "auth=sql",
                "auth.sql.url=" + db.jdbcUrl(),
                "auth.sql.username=pop",
                "auth.sql.password=pop-Pw-1",
                "auth.sql.password-query=SELECT password, home FROM users WHERE name = :user",
                "auth.sql.timeout=" + TIMEOUT.toMillis() + "ms",
                "store=maildir",
                "store.maildir.path={home}/Maildir",
                "tls.enabled=false",
                "resolver.strategies=none",
                "auth.failure-delay=0s",
                "auth.failure-delay-max=0s",
                "metrics.jmx=false");
        service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
        server = new ServerWiring(settings).builder(service).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
        db.close();
    }

    @Test
    void aStoppedDatabase_failsNewLoginsTemporarily_whileSessionsInProgressGoOn_andLoginsReturnWithIt()
            throws Exception {
        try (Pop3Wire alice = Pop3Wire.connect(server.port())) {
            assertThat(alice.login("alice", "alice-pw")).startsWith("+OK");
            db.stop();

            try (Pop3Wire bob = Pop3Wire.connect(server.port())) {
                assertThat(timed(() -> bob.login("bob", "secret"))).startsWith("-ERR [SYS/TEMP]");
                assertThat(bob.command("NOOP")).startsWith("-ERR"); // still in AUTHORIZATION, still connected
                assertThat(alice.command("RETR 1")).startsWith("+OK");
                assertThat(alice.body()).containsExactly("Subject: alice", "", ".dot line", "bare LF");
                assertThat(alice.command("DELE 1")).startsWith("+OK");
                assertThat(alice.command("QUIT")).startsWith("+OK");
                assertThat(home("alice").resolve("Maildir/cur")).isEmptyDirectory();
                assertThat(home("alice").resolve("Maildir/new")).isEmptyDirectory();

                db.start();
                Await.until(
                        Duration.ofSeconds(30),
                        "bob's login once the database is back",
                        () -> bob.login("bob", "secret").startsWith("+OK"));
                assertThat(bob.command("STAT")).startsWith("+OK 1 ");
            }
        }
    }

    @Test
    void aFrozenDatabase_failsLoginsTemporarilyWithinTheTimeout_andLoginsReturnWhenItThaws() throws Exception {
        assertThat(login("alice", "alice-pw")).startsWith("+OK");
        assertThat(login("bob", "wrong")).startsWith("-ERR [AUTH]");
        db.freeze();
        try {
            for (int i = 0; i < 2; i++) {
                assertThat(timed(() -> login("bob", "secret"))).startsWith("-ERR [SYS/TEMP]");
            }
            try (Pop3Wire other = Pop3Wire.connect(server.port())) {
                assertThat(other.greeting()).startsWith("+OK");
                assertThat(other.converse("CAPA").get(0)).startsWith("+OK");
            }
        } finally {
            db.thaw();
        }
        Await.until(
                Duration.ofSeconds(30),
                "bob's login once the database thawed",
                () -> login("bob", "secret").startsWith("+OK"));
    }

    private String login(String user, String password) {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            String reply = pop.login(user, password);
            pop.command("QUIT");
            return reply;
        }
    }

    private static String timed(Supplier<String> login) {
        long start = System.nanoTime();
        String reply = login.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(reply).isLessThan(WITHIN);
        return reply;
    }

    private Path home(String user) throws Exception {
        Path home = dir.resolve("home").resolve(user);
        Path maildir = home.resolve("Maildir");
        if (!Files.exists(maildir)) {
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            String body =
                    user.equals("alice") ? "Subject: alice\n\n.dot line\nbare LF\n" : "Subject: bob\r\n\r\nhi\r\n";
            Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), body);
        }
        return home;
    }
}
