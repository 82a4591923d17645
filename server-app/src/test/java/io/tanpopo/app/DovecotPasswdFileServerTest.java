package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server configured as the migration note says, on a Dovecot passwd-file with a
 * {@code doveadm pw} hash, serves the maildir under the user's Dovecot home, and refuses the
 * {@code nologin} user over the wire with the same reply as a wrong password.
 */
@RequiresProgram(value = "doveadm", debianPackage = "dovecot-core")
class DovecotPasswdFileServerTest {

    @TempDir
    Path dir;

    @Test
    void dovecotPasswdFile_asItIs_servesTheHomesMaildir_andRefusesNologin() throws Exception {
        Path home = dir.resolve("home/alice");
        Path maildir = home.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "Subject: hi\n\n.dot line\nbody\n");
        Path passwd = dir.resolve("users");
        Files.writeString(
                passwd,
                String.join(
                        "\n",
                        "alice:" + doveadmPw("SHA512-CRYPT", "s3cret") + ":1000:1000::" + home
                                + "::userdb_mail=maildir:~/Maildir",
                        "bob:" + doveadmPw("BLF-CRYPT", "bobpw") + ":1000:1000::" + home + "::nologin reason=gone",
                        "bob:{PLAIN}bobpw",
                        ""));
        Settings settings = new Settings(ConfigFile.parse(
                List.of(
                        "pop3.port=0",
                        "auth=passwd-file",
                        "auth.passwd-file=" + passwd,
                        "store=maildir",
                        "store.maildir.path={home}/Maildir",
                        "tls.enabled=false",
                        "resolver.strategies=none",
                        "auth.failure-delay=0s",
                        "auth.failure-delay-max=0s"),
                "t"));
        try (Pop3Server server = new ServerWiring(settings).builder().start()) {
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                List<String> replies = pop.converse("USER alice", "PASS s3cret", "STAT", "RETR 1", "QUIT");
                assertThat(replies).contains("+OK 1 32", "..dot line", "body");
                assertThat(replies.get(replies.size() - 1)).startsWith("+OK");
            }
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                List<String> bob = pop.converse("USER bob", "PASS bobpw", "USER alice", "PASS wrong", "QUIT");
                assertThat(bob.get(1)).startsWith("-ERR");
                assertThat(bob.get(1)).isEqualTo(bob.get(3));
            }
        }
    }

    static String doveadmPw(String scheme, String password) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("doveadm", "pw", "-s", scheme, "-p", password)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    }
}
