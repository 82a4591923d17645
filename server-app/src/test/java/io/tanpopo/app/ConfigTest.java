package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.config.Pop3Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @TempDir
    Path dir;

    private static Settings settings(String... lines) {
        return new Settings(ConfigFile.parse(List.of(lines), "test.properties"));
    }

    @Test
    void values_areReadWithDefaultsForMissingKeys() {
        Pop3Config config = new ServerWiring(
                        settings("# comment", "", "pop3.port = 2110", "pop3.idle-timeout: 15m", "pop3.login-delay=900"))
                .pop3Config();
        assertThat(config.port()).isEqualTo(2110);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.loginDelay()).contains(Duration.ofSeconds(900));
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.maxLineLength()).isEqualTo(255);
    }

    @Test
    void unknownKey_stopsWithKeyAndLine() {
        assertThatThrownBy(() -> settings("pop3.port=1", "pop3.prot=2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.properties:2: unknown key 'pop3.prot'");
    }

    @Test
    void malformedLine_andDuplicateKey_nameTheLine() {
        assertThatThrownBy(() -> settings("just words"))
                .hasMessage("test.properties:1: expected key=value (the line is not shown)");
        assertThatThrownBy(() -> settings("pop3.port=1", "pop3.port=2"))
                .hasMessage("test.properties:2: pop3.port is set twice (also at line 1)");
    }

    /** A password that lost its key (or its colon) must not be echoed to the console or the log. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "tls.key-password=;Tr0ub4dor&3|test.properties:2: expected key=value (the line is not shown)",
                "pop3.port=1;Tr0ub4dor:3|test.properties:2: unknown key (not shown: not shaped like a key name)",
                "auth.users=alice:pw,Tr0ub4dor|auth.users entries must be user:password; entry 2 is not",
            })
    void malformedSecrets_nameTheLineOrEntry_neverTheText(String lines, String message) {
        assertThatThrownBy(() -> new ServerWiring(settings(lines.split(";"))).builder())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Tr0ub4dor"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pop3.port=70000|test.properties:1: pop3.port must be 0 to 65535, not 70000",
                "pop3.port=abc|test.properties:1: pop3.port must be a whole number, not 'abc'",
                "pop3.idle-timeout=soon|test.properties:1: pop3.idle-timeout must be a duration like 500ms, 30s, 10m, 1h or 2d, not 'soon'",
                "pop3.hostname=bad host|test.properties:1: pop3.hostname must be a host name (letters, digits, '.', '-'), not 'bad host'",
                "pop3.expire=sometimes|test.properties:1: pop3.expire must be NEVER or a number of days, not 'sometimes'",
                "pop3.max-line-length=10|test.properties:1: pop3.max-line-length must be 64 to 65536, not 10",
                "auth.failure-delay-max=0s|test.properties:1: auth.failure-delay-max must not be below auth.failure-delay",
            })
    void badValues_nameTheKeyAndLine(String line, String message) {
        assertThatThrownBy(() -> new ServerWiring(settings(line)).pop3Config())
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "auth.users=alice|auth.users entries must be user:password; entry 1 is not",
                "auth=ldap|auth must be one of static, passwd-file, checkpassword, sql, not 'ldap'",
                "auth=sql,auth.sql.url=jdbc:postgresql://db/mail,auth.sql.password-query=SELECT password FROM mailbox WHERE username = 'x'|auth.sql.password-query the query must take the user name as :user",
                "auth=sql,auth.sql.url=jdbc:postgresql://db/mail,auth.sql.password-query=SELECT password FROM t WHERE u = ?|auth.sql.password-query write the user name as :user",
                "auth=sql,auth.sql.password-query=SELECT password FROM t WHERE u = :user|auth.sql.url a value is required",
                "auth=sql,auth.sql.url=jdbc:oracle:thin:scott/tiger@db:1521:orcl,auth.sql.password-query=SELECT password FROM t WHERE u = :user|auth.sql.url names no JDBC driver included (jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:), not 'jdbc:oracle:...'",
                "auth=sql,auth.sql.url=jdbc:postgresql://db/m,auth.sql.password-query=SELECT password FROM t WHERE u = :user,auth.sql.default-scheme=MD5|auth.sql.default-scheme unknown scheme 'MD5'",
                "auth=sql,auth.sql.url=jdbc:postgresql://db/m,auth.sql.password-query=SELECT password FROM t WHERE u = :user,auth.sql.timeout=100ms|auth.sql.timeout must be between 250ms and 5m",
                "store=mbox|store must be one of memory, maildir, not 'mbox'",
                "auth.threads=0|auth.threads must be 1 to 1024, not 0",
                "auth.queue=-1|auth.queue must be 0 to 100000, not -1",
                "store=maildir,store.maildir.path=/m/{user},store.maildir.lock=maybe|store.maildir.lock must be takeover, exclusive or off (true and false: exclusive and off), not 'maybe'",
                "tls.enabled=false,pop3s.port=995|pop3s.port needs TLS, but tls.enabled is false",
                "tls.key=/k.pem|tls.key is set but tls.cert is not",
                "auth=checkpassword,auth.checkpassword.command=checkpassword|auth.checkpassword.command must start with the program's absolute path",
                "auth=checkpassword,auth.checkpassword.command=/bin/true,auth.checkpassword.exit-codes=3=maybe|auth.checkpassword.exit-codes entries must be",
            })
    void badBackendValues_nameTheKey(String lines, String message) {
        assertThatThrownBy(() -> new ServerWiring(settings(lines.split(","))).builder())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void maildirWithoutPath_isRefused() {
        assertThatThrownBy(() -> new ServerWiring(settings("store=maildir")).builder())
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.maildir.path a value is required");
    }

    @Test
    void environment_overridesKeys_andErrorsSaySo() {
        ConfigFile file = ConfigFile.parse(List.of("pop3.port=2110"), "f")
                .withEnvironment(
                        Map.of("TANPOPO_POP3_PORT", "3110", "TANPOPO_POP3_IDLE_TIMEOUT", "x"), ConfigKeys.names());
        assertThat(file.get("pop3.port").orElseThrow().value()).isEqualTo("3110");
        assertThatThrownBy(() -> new ServerWiring(new Settings(file)).pop3Config())
                .hasMessageStartingWith(
                        "environment variable TANPOPO_POP3_IDLE_TIMEOUT: pop3.idle-timeout must be a duration");
    }

    @Test
    void checkConfig_printsEffectiveSettings_withSecretsMasked() throws IOException {
        Path file = dir.resolve("tanpopo.properties");
        Files.writeString(file, "auth.users=alice:secret\npop3.port=0\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"check-config", "--config", file.toString()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(printed)
                .contains("auth.users=********", "pop3.port=0", "pop3.idle-timeout=10m", "configuration is valid")
                .doesNotContain("secret");
    }

    @Test
    void checkConfig_masksTheSqlPassword_andShowsTheUrlWithoutCredentials_withoutConnecting() throws IOException {
        Path file = dir.resolve("tanpopo.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "auth=sql",
                        "auth.sql.url=jdbc:mariadb://pop:UrlSecret1@db.invalid/postfix?password=UrlSecret2&sslMode=disable",
                        "auth.sql.username=pop",
                        "auth.sql.password=KeySecret3",
                        "auth.sql.password-query=SELECT password FROM mailbox WHERE username = :user",
                        ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main(System.in, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                .run(new String[] {"check-config", "--config", file.toString()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isZero();
        assertThat(printed)
                .contains(
                        "auth.sql.password=********",
                        "auth.sql.url=jdbc:mariadb://********@db.invalid/postfix?password=********&sslMode=disable",
                        "auth.sql.pool-size=8",
                        "auth.sql.timeout=5s",
                        "auth.sql.default-scheme=CRYPT")
                .doesNotContain("UrlSecret1", "UrlSecret2", "KeySecret3");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://db/mail?user=pop&password=s3&ssl=true|jdbc:postgresql://db/mail?user=pop&password=********&ssl=true",
                "jdbc:postgresql://db/mail?sslpassword=s3|jdbc:postgresql://db/mail?sslpassword=********",
                "jdbc:mysql://pop:s3@db:3306/postfix|jdbc:mysql://********@db:3306/postfix",
                "jdbc:mariadb://db/postfix?trustStorePassword=s3&pwd=s4|jdbc:mariadb://db/postfix?trustStorePassword=********&pwd=********",
                "jdbc:postgresql://db:5432/mail|jdbc:postgresql://db:5432/mail",
            })
    void jdbcUrls_areShownWithoutCredentials(String url, String shown) {
        assertThat(JdbcUrls.withoutCredentials(url)).isEqualTo(shown);
    }

    @Test
    void checkConfig_badFile_exitsWithConfigError() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "pop3.port=x\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(System.in, System.out, new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"check-config", "--config", file.toString()});
        assertThat(status).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + ":1: pop3.port must be a whole number");
    }

    @Test
    void everyKey_isDocumentedInTheConfigurationDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (ConfigKey key : ConfigKeys.all()) {
            assertThat(doc).as(key.name()).contains("| `" + key.name() + "` |");
        }
    }
}
