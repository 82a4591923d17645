package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.auth.passwd.PasswordScheme;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.LoopbackDatabase;
import io.tanpopo.testsupport.MariaDbDaemon;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.PostgresDaemon;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/sql.md's postfixadmin examples, taken from the page as written (only the database's address
 * and credentials, and the maildir base, are the test's), against postfixadmin's {@code mailbox}
 * and {@code domain} tables in a real MariaDB and a real PostgreSQL: the md5crypt and SHA512-CRYPT
 * passwords postfixadmin writes log in and are served their maildirs; inactive mailboxes and
 * domains, wrong passwords, unknown and hostile names all get the same {@code -ERR [AUTH]}; with
 * the database stopped a login gets {@code -ERR [SYS/TEMP]}, and logins work again once it is back.
 */
class PostfixadminSqlTest {

    private static final String DOCS = "../docs/sql.md";
    /** openssl passwd -1 -salt 1s5gFhIK secret: postfixadmin's default md5crypt, stored without a prefix. */
    private static final String MD5CRYPT = "$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0";

    private static final String READER_PASSWORD = "pfa-Reader-9";

    @TempDir
    Path dir;

    @Test
    @RequiresProgram(value = MariaDbDaemon.MARIADBD, debianPackage = "mariadb-server")
    void mariaDbExample_asDocumented_servesPostfixadminMailboxes() throws Exception {
        try (MariaDbDaemon db = new MariaDbDaemon(Files.createDirectory(dir.resolve("db")))) {
            db.sql(MARIADB_SCHEMA + rows("1", "0")
                    + "CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY '" + READER_PASSWORD + "';"
                    + "GRANT SELECT ON mail.mailbox TO 'reader'@'127.0.0.1';"
                    + "GRANT SELECT ON mail.domain TO 'reader'@'127.0.0.1';");
            servesMailboxes(db, "jdbc:mariadb:");
        }
    }

    @Test
    @RequiresProgram(value = PostgresDaemon.INITDB, debianPackage = "postgresql-15")
    @RequiresProgram(value = PostgresDaemon.PG_CTL, debianPackage = "postgresql-15")
    void postgresExample_asDocumented_servesPostfixadminMailboxes() throws Exception {
        try (PostgresDaemon db = new PostgresDaemon(Files.createDirectory(dir.resolve("db")))) {
            db.sql(POSTGRES_SCHEMA + rows("true", "false")
                    + "CREATE ROLE reader LOGIN PASSWORD '" + READER_PASSWORD + "';"
                    + "GRANT SELECT ON mailbox, domain TO reader;");
            servesMailboxes(db, "jdbc:postgresql:");
        }
    }

    private void servesMailboxes(LoopbackDatabase db, String urlPrefix) throws Exception {
        Path base = dir.resolve("vmail");
        maildir(base.resolve("example.org/alice"), "Subject: hi\n\n.dot line\nbare LF\n");
        maildir(base.resolve("example.org/bob"), "Subject: bob\r\n\r\nbody\r\n");
        List<String> lines = new ArrayList<>();
        for (String line : documented(urlPrefix)) {
            String key = line.substring(0, line.indexOf('='));
            lines.add(
                    switch (key) {
                        case "auth.sql.url" -> key + "=" + db.jdbcUrl();
                        case "auth.sql.username" -> key + "=reader";
                        case "auth.sql.password" -> key + "=" + READER_PASSWORD;
                        case "auth.sql.password-query" -> line.replace("'/var/vmail/'", "'" + base + "/'");
                        default -> line;
                    });
        }
        lines.addAll(List.of(
                "pop3.port=0",
                "tls.enabled=false",
                "resolver.strategies=none",
                "auth.failure-delay=0s",
                "auth.failure-delay-max=0s",
                "metrics.jmx=false"));
        Settings settings = new Settings(ConfigFile.parse(lines, "docs/sql.md"));
        try (ServiceWiring service = new ServiceWiring(ServiceSettings.read(settings), Clock.systemUTC());
                Pop3Server server = new ServerWiring(settings).builder(service).start()) {
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.login("alice@example.org", "secret")).startsWith("+OK");
                assertThat(pop.command("RETR 1")).startsWith("+OK");
                assertThat(pop.body()).containsExactly("Subject: hi", "", ".dot line", "bare LF");
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.login("bob@example.org", "bob-Secret")).startsWith("+OK");
                assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            }
            String refused = login(server, "alice@example.org", "wrong");
            assertThat(refused).startsWith("-ERR [AUTH]");
            for (String user : List.of(
                    "carol@off.example",
                    "dave@example.org",
                    "nobody@example.org",
                    "x' OR '1'='1",
                    "alice@example.org'--",
                    "nobody' OR ''='")) {
                assertThat(login(server, user, "secret")).as(user).isEqualTo(refused);
            }
            db.stop();
            assertThat(login(server, "alice@example.org", "secret")).startsWith("-ERR [SYS/TEMP]");
            db.start();
            Await.until(
                    Duration.ofSeconds(30),
                    "alice's login once the database is back",
                    () -> login(server, "alice@example.org", "secret").startsWith("+OK"));
        }
    }

    private static String login(Pop3Server server, String user, String password) {
        try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
            return pop.login(user, password);
        }
    }

    /** The lines of the documented properties block for {@code urlPrefix}'s database. */
    private static List<String> documented(String urlPrefix) throws Exception {
        Matcher blocks = Pattern.compile("```properties\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of(DOCS), StandardCharsets.UTF_8));
        while (blocks.find()) {
            if (blocks.group(1).contains("auth.sql.url=" + urlPrefix)) {
                return blocks.group(1).lines().filter(l -> !l.isBlank()).toList();
            }
        }
        throw new AssertionError(DOCS + " has no example for " + urlPrefix);
    }

    private static String rows(String active, String inactive) {
        String sha512 = new PasswordHasher(new SecureRandom(), HashingParameters.defaults())
                .hash(PasswordScheme.SHA512_CRYPT, "bob-Secret".getBytes(StandardCharsets.UTF_8));
        return "INSERT INTO domain (domain, active) VALUES ('example.org', " + active + "), ('off.example', "
                + inactive + ");"
                + "INSERT INTO mailbox (username, password, maildir, local_part, domain, active) VALUES"
                + " ('alice@example.org', '" + MD5CRYPT + "', 'example.org/alice/', 'alice', 'example.org', "
                + active + "),"
                + " ('bob@example.org', '" + sha512 + "', 'example.org/bob/', 'bob', 'example.org', " + active + "),"
                + " ('carol@off.example', '" + MD5CRYPT + "', 'off.example/carol/', 'carol', 'off.example', " + active
                + "),"
                + " ('dave@example.org', '" + MD5CRYPT + "', 'example.org/dave/', 'dave', 'example.org', " + inactive
                + ");";
    }

    private static void maildir(Path maildir, String message) throws Exception {
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), message);
    }

    /** postfixadmin's tables as its MySQL upgrade script leaves them (the columns a login reads, and their neighbours). */
    private static final String MARIADB_SCHEMA = """
            CREATE TABLE domain (
              domain varchar(255) NOT NULL, description varchar(255) NOT NULL DEFAULT '',
              aliases int NOT NULL DEFAULT 0, mailboxes int NOT NULL DEFAULT 0,
              maxquota bigint NOT NULL DEFAULT 0, quota bigint NOT NULL DEFAULT 0,
              transport varchar(255) NOT NULL DEFAULT '', backupmx tinyint(1) NOT NULL DEFAULT 0,
              created datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              modified datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              active tinyint(1) NOT NULL DEFAULT 1, PRIMARY KEY (domain)
            ) DEFAULT CHARSET=utf8mb4 COMMENT='Postfix Admin - Virtual Domains';
            CREATE TABLE mailbox (
              username varchar(255) NOT NULL, password varchar(255) NOT NULL,
              name varchar(255) NOT NULL DEFAULT '', maildir varchar(255) NOT NULL,
              quota bigint NOT NULL DEFAULT 0, local_part varchar(255) NOT NULL,
              domain varchar(255) NOT NULL,
              created datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              modified datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              active tinyint(1) NOT NULL DEFAULT 1, phone varchar(30) NOT NULL DEFAULT '',
              email_other varchar(255) NOT NULL DEFAULT '', token varchar(255) NOT NULL DEFAULT '',
              token_validity datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              password_expiry datetime NOT NULL DEFAULT '2000-01-01 00:00:00',
              PRIMARY KEY (username), KEY domain (domain)
            ) DEFAULT CHARSET=utf8mb4 COMMENT='Postfix Admin - Virtual Mailboxes';
            """;

    /** The same tables as postfixadmin's PostgreSQL script makes them ({@code active} a boolean). */
    private static final String POSTGRES_SCHEMA = """
            CREATE TABLE domain (
              domain varchar(255) NOT NULL PRIMARY KEY, description varchar(255) NOT NULL DEFAULT '',
              aliases integer NOT NULL DEFAULT 0, mailboxes integer NOT NULL DEFAULT 0,
              maxquota bigint NOT NULL DEFAULT 0, quota bigint NOT NULL DEFAULT 0,
              transport varchar(255) DEFAULT NULL, backupmx boolean NOT NULL DEFAULT false,
              created timestamp with time zone DEFAULT now(), modified timestamp with time zone DEFAULT now(),
              active boolean NOT NULL DEFAULT true);
            CREATE TABLE mailbox (
              username varchar(255) NOT NULL PRIMARY KEY, password varchar(255) NOT NULL DEFAULT '',
              name varchar(255) NOT NULL DEFAULT '', maildir varchar(255) NOT NULL DEFAULT '',
              quota bigint NOT NULL DEFAULT 0, local_part varchar(255) NOT NULL,
              domain varchar(255) REFERENCES domain,
              created timestamp with time zone DEFAULT now(), modified timestamp with time zone DEFAULT now(),
              active boolean NOT NULL DEFAULT true, phone varchar(30) NOT NULL DEFAULT '',
              email_other varchar(255) NOT NULL DEFAULT '', token varchar(255) NOT NULL DEFAULT '',
              token_validity timestamp with time zone DEFAULT '2000-01-01 00:00:00+00',
              password_expiry timestamp with time zone DEFAULT '2000-01-01 00:00:00+00');
            CREATE INDEX mailbox_domain_idx ON mailbox(domain);
            """;
}
