package io.tanpopo.auth.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.passwd.HashCost;
import io.tanpopo.auth.passwd.HashingParameters;
import io.tanpopo.auth.passwd.PasswordHasher;
import io.tanpopo.auth.passwd.PasswordScheme;
import io.tanpopo.auth.passwd.StoredPassword;
import io.tanpopo.testsupport.PostgresDaemon;
import io.tanpopo.testsupport.RequiresProgram;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link SqlAuthenticator} against a real PostgreSQL 15, reached over TCP with a password as a
 * separate read-only role: every supported scheme, the odd rows a database can hold, the user
 * name bound and bounded, equal work for unknown users, and a database that is down or slow.
 */
@RequiresProgram(value = PostgresDaemon.INITDB, debianPackage = "postgresql-15")
@RequiresProgram(value = PostgresDaemon.PG_CTL, debianPackage = "postgresql-15")
class SqlAuthenticatorPostgresTest {

    private static final String QUERY = "SELECT password, home FROM accounts WHERE name = :user";
    private static final String READER_PASSWORD = "reader-Pw-3";
    private static final PasswordHasher HASHER = new PasswordHasher(
            new SecureRandom(),
            new HashingParameters(10, 5000, HashingParameters.defaults().argon2id()));

    @TempDir
    static Path dir;

    static PostgresDaemon db;

    private final List<HashCost> work = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    static void startDatabase() throws Exception {
        db = new PostgresDaemon(dir);
        String sha = HASHER.hash(PasswordScheme.SHA512_CRYPT, bytes("sha-pw"));
        String bcrypt = HASHER.hash(PasswordScheme.BCRYPT, bytes("bc-pw"));
        db.sql("CREATE TABLE accounts (name text, password text, home text);"
                + "CREATE ROLE reader LOGIN PASSWORD '" + READER_PASSWORD + "';"
                + "GRANT SELECT ON accounts TO reader;"
                + "INSERT INTO accounts VALUES"
                + " ('sha', '" + sha + "', '/var/vmail/sha/'),"
                + " ('bcrypt', '" + bcrypt + "', NULL),"
                // openssl passwd -1 -salt 1s5gFhIK secret
                + " ('md5', '{MD5-CRYPT}$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0', NULL),"
                + " ('bare-md5', '$1$1s5gFhIK$rZCYL8TRXstQDgik07MYv0', NULL),"
                + " ('plain', '{PLAIN}plain-pw', NULL),"
                + " ('o''brien', '{PLAIN}quote-pw', NULL),"
                + " ('nullpw', NULL, NULL),"
                + " ('ssha', '{SSHA512}abcdef', NULL),"
                + " ('huge', '{PLAIN}" + "x".repeat(5000) + "', NULL),"
                + " ('relative', '{PLAIN}rel-pw', 'var/vmail/relative'),"
                + " ('twice', '{PLAIN}twice-pw', NULL),"
                + " ('twice', '{PLAIN}twice-pw', NULL);");
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyScheme_logsIn_withItsPasswordOnly_andTheHomeColumnBecomesTheHome() {
        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        Map<String, String> passwords =
                Map.of("sha", "sha-pw", "bcrypt", "bc-pw", "md5", "secret", "bare-md5", "secret", "plain", "plain-pw");
        passwords.forEach((user, password) -> {
            assertThat(auth.authenticate(request(user, password))).as(user).isInstanceOf(AuthResult.Accepted.class);
            assertThat(auth.authenticate(request(user, password + "x")))
                    .as(user)
                    .isEqualTo(AuthResult.rejected());
        });
        Account sha = ((AuthResult.Accepted) auth.authenticate(request("sha", "sha-pw"))).account();
        assertThat(sha.name()).isEqualTo("sha");
        assertThat(sha.home()).contains(Path.of("/var/vmail/sha"));
        assertThat(((AuthResult.Accepted) auth.authenticate(request("plain", "plain-pw")))
                        .account()
                        .home())
                .isEmpty();
    }

    @Test
    void oddRows_noRow_nullOrUnknownSchemeOrOversizeValue_orTwoRows_areRefusedLikeAWrongPassword() {
        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        for (String user : List.of("nobody", "nullpw", "ssha", "huge", "twice")) {
            String password = user.equals("huge") ? "x".repeat(5000) : user.equals("twice") ? "twice-pw" : "abcdef";
            assertThat(auth.authenticate(request(user, password))).as(user).isEqualTo(AuthResult.rejected());
        }
    }

    @Test
    void theUserName_isBound_neverSplicedIntoTheQuery() {
        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        assertThat(auth.authenticate(request("o'brien", "quote-pw"))).isInstanceOf(AuthResult.Accepted.class);
        assertThat(auth.authenticate(request("x' OR '1'='1", "plain-pw"))).isEqualTo(AuthResult.rejected());
        assertThat(auth.authenticate(request("plain' --", "plain-pw"))).isEqualTo(AuthResult.rejected());
    }

    @Test
    void aUserNameOverTheBound_neverReachesTheDatabase_butCostsTheSameWork() {
        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        assertThat(auth.authenticate(request("sha", "sha-pw"))).isInstanceOf(AuthResult.Accepted.class);
        connections.set(0);
        work.clear();
        String tooLong = "é".repeat(128); // 256 octets
        assertThat(auth.authenticate(request(tooLong, "sha-pw"))).isEqualTo(AuthResult.rejected());
        assertThat(connections).hasValue(0);
        assertThat(work).singleElement().extracting(HashCost::scheme).isEqualTo(PasswordScheme.SHA512_CRYPT);
    }

    @Test
    void unknownUsers_andCheaperUsers_doTheWorkOfTheCostliestHashSeen() {
        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        auth.authenticate(request("bcrypt", "wrong"));
        HashCost bcrypt = work.get(0);
        assertThat(bcrypt.scheme()).isEqualTo(PasswordScheme.BCRYPT);
        for (String user : List.of("nobody", "plain", "sha", "md5", "nullpw", "twice")) {
            work.clear();
            auth.authenticate(request(user, "wrong"));
            assertThat(work).as(user).contains(bcrypt);
        }
    }

    @Test
    void aUserQuery_givesTheHome_andARelativeHomeFailsTheLoginAfterTheRightPasswordOnly() {
        SqlAuthenticator auth = authenticator(
                "SELECT password FROM accounts WHERE name = :user",
                Optional.of("SELECT '/srv/mail/' || :user AS maildir WHERE :user <> 'nohome'"));
        Account plain = ((AuthResult.Accepted) auth.authenticate(request("plain", "plain-pw"))).account();
        assertThat(plain.home()).contains(Path.of("/srv/mail/plain"));

        SqlAuthenticator relative = authenticator(QUERY, Optional.empty());
        assertThat(relative.authenticate(request("relative", "wrong"))).isEqualTo(AuthResult.rejected());
        assertThat(relative.authenticate(request("relative", "rel-pw"))).isInstanceOf(AuthResult.Failed.class);
    }

    @Test
    void aSlowQuery_isUnavailable_withinTheTimeout() {
        SqlAuthenticator auth = authenticator(
                "SELECT password FROM accounts, (SELECT pg_sleep(CASE WHEN :user = 'plain' THEN 30 ELSE 0 END)) s"
                        + " WHERE name = :user",
                Optional.empty(),
                Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThat(auth.authenticate(request("plain", "plain-pw"))).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        assertThat(auth.authenticate(request("sha", "sha-pw"))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void aRefusingDatabase_andAStoppedOne_areUnavailable_andLoginsWorkOnceItIsBack() throws Exception {
        PGSimpleDataSource wrong = source();
        wrong.setPassword("not-the-password");
        SqlAuthenticator refused =
                new SqlAuthenticator(wrong, config(QUERY, Optional.empty(), Duration.ofSeconds(5)), HASHER);
        assertThat(refused.authenticate(request("plain", "plain-pw"))).isInstanceOf(AuthResult.Unavailable.class);

        SqlAuthenticator auth = authenticator(QUERY, Optional.empty());
        db.stop();
        try {
            assertThat(auth.authenticate(request("plain", "plain-pw"))).isInstanceOf(AuthResult.Unavailable.class);
        } finally {
            db.start();
        }
        assertThat(auth.authenticate(request("plain", "plain-pw"))).isInstanceOf(AuthResult.Accepted.class);
    }

    private SqlAuthenticator authenticator(String query, Optional<String> userQuery) {
        return authenticator(query, userQuery, Duration.ofSeconds(5));
    }

    private SqlAuthenticator authenticator(String query, Optional<String> userQuery, Duration timeout) {
        PGSimpleDataSource source = source();
        DataSource counted = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(source, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SqlAuthenticator(counted, config(query, userQuery, timeout), HASHER, this::countedVerify);
    }

    private static SqlAuthConfig config(String query, Optional<String> userQuery, Duration timeout) {
        return SqlAuthConfig.of(query, userQuery, "CRYPT", timeout);
    }

    private static PGSimpleDataSource source() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(db.jdbcUrl());
        source.setUser("reader");
        source.setPassword(READER_PASSWORD);
        source.setConnectTimeout(5);
        return source;
    }

    private boolean countedVerify(StoredPassword stored, byte[] password) {
        work.add(HASHER.cost(stored));
        return HASHER.verify(stored, password);
    }

    static LoginRequest request(String user, String password) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 110);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
        ConnectionInfo connection = new ConnectionInfo(local, remote, "mail.test", Optional.empty(), false, Map.of());
        return new LoginRequest(user, bytes(password), "<1.2@mail.test>", connection);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
