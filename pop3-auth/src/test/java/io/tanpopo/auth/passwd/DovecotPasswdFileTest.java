package io.tanpopo.auth.passwd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Dovecot passwd-file is read as it is, and nothing in it widens a login. */
class DovecotPasswdFileTest {

    static final PasswordHasher HASHER = new PasswordHasher(
            new SecureRandom(), new HashingParameters(10, 5000, new Argon2idParameters(1024, 1, 1, 16, 32)));

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    @Test
    void dovecotLine_ofTheIssue_logsInWithItsPassword_andHasItsHome() throws IOException {
        PasswdFileAuthenticator auth = authenticator("alice:{PLAIN}secret:1000:1000::/home/alice::\n");
        AuthResult result = auth.authenticate(request("alice", "secret"));
        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        assertThat(((AuthResult.Accepted) result).account().home()).contains(Path.of("/home/alice"));
        assertThat(auth.authenticate(request("alice", "secret:1000:1000::/home/alice:")))
                .isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void dovecotForms_shortAndFull_withBareCrypt_andUserdbHome() {
        String crypt = HASHER.hash(PasswordScheme.SHA512_CRYPT, bytes("c-pass")).substring("{SHA512-CRYPT}".length());
        PasswdTable table = parse(
                "a:{plain}a-pass:1000:1000",
                "b:{CLEAR}b-pass:::::",
                "c:" + crypt + ":1000:1000:Carol C:/home/c:/bin/false",
                "d:{PLAIN}d-pass:1000:1000::/home/d::userdb_home=/srv/d userdb_mail=maildir:~/Maildir",
                "e:{PLAIN}e-pass::::::userdb_quota_rule=*:storage=1G");
        assertThat(table.problems()).isEmpty();
        assertThat(table.entries()).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(table.find("a").orElseThrow().password())
                .isEqualTo(new StoredPassword(PasswordScheme.PLAIN, "a-pass"));
        assertThat(table.find("b").orElseThrow().home()).isEmpty();
        assertThat(HASHER.verify(table.find("c").orElseThrow().password(), bytes("c-pass")))
                .isTrue();
        assertThat(table.find("c").orElseThrow().home()).contains(Path.of("/home/c"));
        assertThat(table.find("d").orElseThrow().home()).contains(Path.of("/srv/d"));
        assertThat(notes)
                .containsExactlyInAnyOrder(
                        "line 1 and 2 more: uid and gid are not used: tanpopo reads mail as its own user",
                        "line 4: " + DovecotExtraFields.MAIL_NOTE,
                        "line 5: 'userdb_quota_rule' is ignored: a userdb setting tanpopo does not use");
    }

    @Test
    void nologin_refusesTheUser_evenWhenALaterLineNamesThemAgain() throws IOException {
        PasswdFileAuthenticator auth = authenticator(String.join(
                "\n",
                "gone:{PLAIN}pw:1000:1000::/home/gone::nologin reason=moved",
                "gone:{PLAIN}pw",
                "ok:{PLAIN}pw:::::: nodelay",
                ""));
        assertThat(auth.authenticate(request("gone", "pw"))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(auth.authenticate(request("ok", "pw"))).isInstanceOf(AuthResult.Accepted.class);
        PasswdTable table = auth.table();
        assertThat(table.problems())
                .satisfiesExactly(
                        p -> assertThat(p)
                                .isEqualTo("line 1: user gone: Dovecot's nologin field: the user's logins are refused"),
                        p -> assertThat(p).isEqualTo("line 2: user gone already defined on line 1; ignored"));
    }

    @Test
    void fieldsTanpopoCannotEnforce_refuseTheUser_namingTheFieldNeverItsValue() {
        PasswdTable table = parse(
                "n1:{PLAIN}pw::::::allow_nets=192.0.2.0/24",
                "n2:{PLAIN}pw::::::allow_real_nets=192.0.2.1",
                "n3:::::::nopassword",
                "n4:{PLAIN}pw::::::proxy host=192.0.2.9",
                "n5:{PLAIN}pw::::::pass=Tr0ub4dor",
                "n6:{PLAIN}pw::::::fail",
                "n6:{PLAIN}pw",
                "ok:{PLAIN}pw::::::userdb_uid=vmail");
        assertThat(table.entries()).containsOnlyKeys("ok");
        assertThat(table.problems())
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("line 1: user n1: allow_nets is not supported"),
                        p -> assertThat(p).startsWith("line 2: user n2: allow_real_nets is not supported"),
                        p -> assertThat(p)
                                .startsWith("line 3: user n3: nopassword (any password would do) is not supported"),
                        p -> assertThat(p)
                                .isEqualTo(
                                        "line 4: user n4: extra field 'proxy' is not understood: the user cannot log in"),
                        p -> assertThat(p)
                                .isEqualTo(
                                        "line 5: user n5: extra field 'pass' is not understood: the user cannot log in"),
                        p -> assertThat(p).startsWith("line 6: user n6: Dovecot's fail field"),
                        p -> assertThat(p).startsWith("line 7: user n6 already defined on line 6"));
        assertThat(String.join("\n", table.problems()) + notes).doesNotContain("Tr0ub4dor");
    }

    @Test
    void shortLines_readInTheFormThatFits_andAmbiguousOnesAreSkipped() {
        PasswdTable table = parse(
                "home:{PLAIN}a:b:/home/home", "amb:{PLAIN}a:b:", "uid:{PLAIN}pw:1000", "rel:{PLAIN}pw:relative/home");
        assertThat(table.entries()).containsOnlyKeys("home", "uid");
        assertThat(table.find("home").orElseThrow().password().value()).isEqualTo("a:b");
        assertThat(table.find("uid").orElseThrow().password().value()).isEqualTo("pw");
        assertThat(table.find("uid").orElseThrow().home()).isEmpty();
        assertThat(table.problems())
                .satisfiesExactly(
                        p -> assertThat(p)
                                .startsWith("line 2: reads differently as user:{SCHEME}secret:home and as Dovecot's"),
                        p -> assertThat(p)
                                .startsWith("line 4: as user:{SCHEME}secret[:home]: home must be an absolute path; "
                                        + "as Dovecot's form: uid and gid must be numbers or names"));
    }

    @Test
    void passwordsWithoutAKnownScheme_areRefusedByName_neverTakenAsPlain() {
        PasswdTable table = parse(
                "p1:Tr0ub4dor",
                "p2:Tr0ub4dor:1000:1000::/home/p2::",
                "p3:{SSHA512}Tr0ub4dor::::::",
                "p4:{CRYPT}$5$Tr0ub4dor",
                "p5:{PLAIN.b64}VHIwdWI0ZG9y",
                "p6:{Tr0ub4dor");
        assertThat(table.entries()).isEmpty();
        assertThat(table.problems())
                .satisfiesExactly(
                        p -> assertThat(p)
                                .startsWith(
                                        "line 1: a password without {SCHEME} is read as Dovecot's default scheme CRYPT"),
                        p -> assertThat(p)
                                .startsWith(
                                        "line 2: a password without {SCHEME} is read as Dovecot's default scheme CRYPT"),
                        p -> assertThat(p).startsWith("line 3: password scheme {SSHA512} is not supported"),
                        p -> assertThat(p)
                                .startsWith("line 4: {CRYPT} only $6$ (SHA-512), $2y$ (bcrypt) and $1$ (MD5)"),
                        p -> assertThat(p).startsWith("line 5: password scheme {PLAIN.b64} is not supported"),
                        p -> assertThat(p).startsWith("line 6: password must start with {SCHEME}"));
        assertThat(String.join("\n", table.problems())).doesNotContain("Tr0ub4dor");
    }

    private PasswdTable parse(String... lines) {
        return new PasswdFileParser(HASHER, notes::add).parse(bytes(String.join("\n", lines) + "\n"));
    }

    private PasswdFileAuthenticator authenticator(String content) throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, content);
        return new PasswdFileAuthenticator(PasswdFileConfig.of(file), new MutableClock(), HASHER);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static LoginRequest request(String user, String password) {
        ConnectionInfo connection = new ConnectionInfo(
                new InetSocketAddress("127.0.0.1", 110),
                new InetSocketAddress("127.0.0.1", 40000),
                "mail.test",
                Optional.empty(),
                false,
                Map.of());
        return new LoginRequest(user, bytes(password), "<1.2@mail.test>", connection);
    }
}
