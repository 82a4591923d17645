package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.SecretResult;
import io.tanpopo.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdFileAuthenticatorTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final PasswordHasher hasher = new PasswordHasher(
            new SecureRandom(), new HashingParameters(10, 5000, new Argon2idParameters(1024, 1, 1, 16, 32)));

    @Test
    void authenticate_eachScheme_goodAndBadPassword() throws IOException {
        Path file = write(String.join(
                "\n",
                "# users",
                "",
                "alice:" + hasher.hash(PasswordScheme.BCRYPT, bytes("a-pass")),
                "bob:" + hasher.hash(PasswordScheme.ARGON2ID, bytes("b-pass")) + ":/home/bob",
                "carol:" + hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("c-pass")),
                "dave:{PLAIN}d-pass",
                ""));
        PasswdFileAuthenticator auth = authenticator(file);
        for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
            String good = user.charAt(0) + "-pass";
            assertThat(auth.authenticate(request(user, good))).isInstanceOf(AuthResult.Accepted.class);
            assertThat(auth.authenticate(request(user, good + "x"))).isInstanceOf(AuthResult.Rejected.class);
        }
        assertThat(auth.authenticate(request("nobody", "a-pass"))).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void authenticate_homeField_becomesAccountHome() throws IOException {
        PasswdFileAuthenticator auth = authenticator(write("bob:{PLAIN}pw:/var/mail/bob/\nann:{PLAIN}pw\n"));
        Account bob = ((AuthResult.Accepted) auth.authenticate(request("bob", "pw"))).account();
        assertThat(bob.home()).contains(Path.of("/var/mail/bob"));
        assertThat(((AuthResult.Accepted) auth.authenticate(request("ann", "pw")))
                        .account()
                        .home())
                .isEmpty();
    }

    @Test
    void parse_malformedLines_areSkippedAndReportedWithLineNumbers() {
        byte[] content = String.join(
                        "\r\n",
                        "good:{PLAIN}pw",
                        "nocolon",
                        "x:{MD5}abc",
                        "y:{BCRYPT}$2y$10$tooshort",
                        "z:{PLAIN}pw:relative/home",
                        "  # indented comment",
                        "good:{PLAIN}other",
                        "with space:{PLAIN}pw",
                        "colon:{PLAIN}a:b:/home/colon",
                        "")
                .getBytes(StandardCharsets.UTF_8);
        PasswdTable table = new PasswdFileParser(hasher).parse(content);
        assertThat(table.entries()).containsOnlyKeys("good", "colon");
        assertThat(table.entries().get("colon").password().value()).isEqualTo("a:b");
        assertThat(table.problems())
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("line 2:"),
                        p -> assertThat(p).startsWith("line 3:").contains("{MD5}"),
                        p -> assertThat(p).startsWith("line 4:").contains("BCRYPT"),
                        p -> assertThat(p).startsWith("line 5:").contains("absolute"),
                        p -> assertThat(p).startsWith("line 7:").contains("already defined on line 1"),
                        p -> assertThat(p).startsWith("line 8:"));
    }

    @Test
    void parse_invalidUtf8Line_isSkipped() {
        byte[] content = {
            'u',
            ':',
            '{',
            'P',
            'L',
            'A',
            'I',
            'N',
            '}',
            (byte) 0xff,
            '\n',
            'v',
            ':',
            '{',
            'P',
            'L',
            'A',
            'I',
            'N',
            '}',
            'x'
        };
        PasswdTable table = new PasswdFileParser(hasher).parse(content);
        assertThat(table.entries()).containsOnlyKeys("v");
        assertThat(table.problems()).containsExactly("line 1: not valid UTF-8");
    }

    @Test
    void table_fileChanged_isReReadAfterTheRecheckInterval() throws IOException {
        Path file = write("u:{PLAIN}old\n");
        PasswdFileAuthenticator auth = authenticator(file);
        Files.writeString(file, "u:{PLAIN}new\n");
        Files.setLastModifiedTime(
                file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertThat(auth.authenticate(request("u", "old"))).isInstanceOf(AuthResult.Accepted.class);
        clock.advance(Duration.ofMillis(1001));
        assertThat(auth.authenticate(request("u", "new"))).isInstanceOf(AuthResult.Accepted.class);
        assertThat(auth.authenticate(request("u", "old"))).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void table_fileRemovedOrTooBig_keepsPreviousUsers() throws IOException {
        Path file = write("u:{PLAIN}pw\n");
        PasswdFileAuthenticator auth =
                new PasswdFileAuthenticator(new PasswdFileConfig(file, Duration.ofSeconds(1), 100), clock, hasher);
        Files.writeString(file, "u:{PLAIN}pw\n" + "#".repeat(200));
        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.authenticate(request("u", "pw"))).isInstanceOf(AuthResult.Accepted.class);
        Files.delete(file);
        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.authenticate(request("u", "pw"))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void constructor_unreadableFile_failsNamingTheKey() {
        assertThatThrownBy(() -> authenticator(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth.passwd-file");
    }

    @Test
    void secrets_whenSomeUserIsPlain_andOneWayHashesAnswerAsUnknown() throws IOException {
        PasswdFileAuthenticator plain = authenticator(write("a:{PLAIN}x\nb:{PLAIN}y:/h/b\n"));
        assertThat(plain.providesSecrets()).isTrue();
        SecretResult.Found found = (SecretResult.Found) plain.secret("b");
        assertThat(found.secret()).isEqualTo(bytes("y"));
        assertThat(found.account().home()).contains(Path.of("/h/b"));
        assertThat(plain.secret("zz")).isInstanceOf(SecretResult.Unknown.class);

        PasswdFileAuthenticator mixed =
                authenticator(write("a:{PLAIN}x\nb:" + hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("y")) + "\n"));
        assertThat(mixed.providesSecrets()).isTrue();
        assertThat(mixed.providesScramKeys()).isFalse();
        assertThat(mixed.secret("a")).isInstanceOf(SecretResult.Found.class);
        assertThat(mixed.secret("b")).isInstanceOf(SecretResult.Unknown.class);

        PasswdFileAuthenticator hashed =
                authenticator(write("b:" + hasher.hash(PasswordScheme.SHA512_CRYPT, bytes("y")) + "\n"));
        assertThat(hashed.providesSecrets()).isFalse();
        assertThat(hashed.providesScramKeys()).isFalse();
    }

    @Test
    void scramUser_givesStoredKeys_andLogsInWithThePassword() throws IOException {
        String stored = hasher.hash(PasswordScheme.SCRAM_SHA_256, bytes("y"));
        PasswdFileAuthenticator scram = authenticator(write("a:{PLAIN}x\nb:" + stored + ":/h/b\n"));
        assertThat(scram.providesScramKeys()).isTrue();
        SecretResult.ScramKeys keys = (SecretResult.ScramKeys) scram.secret("b");
        assertThat(keys.account().home()).contains(Path.of("/h/b"));
        assertThat(keys.keys().iterations()).isEqualTo(4096);
        assertThat(keys.keys().matches(bytes("y"))).isTrue();
        assertThat(keys.keys().matches(bytes("x"))).isFalse();
    }

    @Test
    void config_rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new PasswdFileConfig(dir, Duration.ofSeconds(-1), 10))
                .hasMessageContaining("auth.passwd-file.recheck");
        assertThatThrownBy(() -> new PasswdFileConfig(dir, Duration.ZERO, 0))
                .hasMessageContaining("auth.passwd-file.max-size");
    }

    private PasswdFileAuthenticator authenticator(Path file) {
        return new PasswdFileAuthenticator(PasswdFileConfig.of(file), clock, hasher);
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "passwd", "");
        Files.writeString(file, content);
        return file;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LoginRequest request(String user, String password) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 110);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
        ConnectionInfo connection = new ConnectionInfo(local, remote, "mail.test", Optional.empty(), false, Map.of());
        return new LoginRequest(user, bytes(password), "<1.2@mail.test>", connection);
    }
}
