package io.tanpopo.auth.passwd;

import static io.tanpopo.auth.passwd.DovecotPasswdFileTest.HASHER;
import static io.tanpopo.auth.passwd.DovecotPasswdFileTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.testsupport.MutableClock;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Dovecot passwd-file written with hashes from Dovecot's own {@code doveadm pw}: every scheme
 * tanpopo supports logs in with the password and only with it, with and without the
 * {@code {SCHEME}} prefix where Dovecot allows that; the schemes it does not support are refused
 * by name.
 */
@RequiresProgram(value = "doveadm", debianPackage = "dovecot-core")
class DoveadmHashesTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final List<String> SUPPORTED =
            List.of("SHA512-CRYPT", "BLF-CRYPT", "ARGON2ID", "MD5-CRYPT", "SCRAM-SHA-256", "PLAIN", "CLEAR", "CRYPT");
    private static final List<String> UNSUPPORTED =
            List.of("SSHA512", "SHA256-CRYPT", "SCRAM-SHA-1", "ARGON2I", "PBKDF2");

    @TempDir
    Path dir;

    @Test
    void doveadmHashes_ofSupportedSchemes_verify_inDovecotLines() throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (String scheme : SUPPORTED) {
            String hash = doveadmPw(scheme);
            String user = "u-" + scheme.toLowerCase(Locale.ROOT);
            users.add(user);
            lines.add(user + ":" + hash + ":1000:1000::/home/" + user + "::userdb_mail=maildir:~/Maildir");
            if (scheme.endsWith("CRYPT") && !hash.contains(":")) {
                // Dovecot's passwd-file reads a password without {SCHEME} as CRYPT.
                users.add(user + "-bare");
                lines.add(user + "-bare:" + hash.substring(hash.indexOf('}') + 1) + ":1000:1000::/home/x::");
            }
        }
        PasswdFileAuthenticator auth = authenticator(lines);
        assertThat(auth.table().problems()).isEmpty();
        for (String user : users) {
            assertThat(auth.authenticate(request(user, PASSWORD))).as(user).isInstanceOf(AuthResult.Accepted.class);
            assertThat(auth.authenticate(request(user, PASSWORD + "x")))
                    .as(user)
                    .isInstanceOf(AuthResult.Rejected.class);
        }
        assertThat(users).contains("u-sha512-crypt-bare", "u-blf-crypt-bare", "u-md5-crypt-bare", "u-crypt-bare");
    }

    @Test
    void doveadmHashes_ofUnsupportedSchemes_areRefusedByName() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String scheme : UNSUPPORTED) {
            lines.add("u-" + scheme.toLowerCase(Locale.ROOT) + ":" + doveadmPw(scheme) + ":1000:1000::/home/u::");
        }
        PasswdFileAuthenticator auth = authenticator(lines);
        assertThat(auth.table().entries()).isEmpty();
        for (int i = 0; i < UNSUPPORTED.size(); i++) {
            String scheme = UNSUPPORTED.get(i);
            assertThat(auth.table().problems().get(i))
                    .startsWith("line " + (i + 1) + ": password scheme {" + scheme + "} is not supported");
            assertThat(auth.authenticate(request("u-" + scheme.toLowerCase(Locale.ROOT), PASSWORD)))
                    .isInstanceOf(AuthResult.Rejected.class);
        }
    }

    private PasswdFileAuthenticator authenticator(List<String> lines) throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new PasswdFileAuthenticator(PasswdFileConfig.of(file), new MutableClock(), HASHER);
    }

    private static String doveadmPw(String scheme) throws IOException, InterruptedException {
        return doveadmPw(scheme, PASSWORD);
    }

    private static String doveadmPw(String scheme, String password) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("doveadm", "pw", "-s", scheme, "-p", password)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("doveadm pw -s " + scheme)
                .isTrue();
        assertThat(process.exitValue()).as("doveadm pw -s " + scheme).isZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
}
