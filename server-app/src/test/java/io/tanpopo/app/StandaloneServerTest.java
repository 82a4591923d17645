package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneServerTest {

    @TempDir
    Path dir;

    @Test
    void maildirAndPasswordFile_fromProperties_serveARealSession() throws Exception {
        Path maildir = dir.resolve("mail/alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "Subject: hi\n\n.dot line\nbody\n");
        String hash = hash("s3cret", "SHA512-CRYPT");
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "# users\nalice:" + hash + "\n");
        Settings settings = new Settings(ConfigFile.parse(
                List.of(
                        "pop3.port=0",
                        "auth=passwd-file",
                        "auth.passwd-file=" + passwd,
                        "store=maildir",
                        "store.maildir.path=" + dir + "/mail/{user}/Maildir",
                        "auth.failure-delay=0s",
                        "auth.failure-delay-max=0s"),
                "t"));
        try (Pop3Server server = new ServerWiring(settings).builder().start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            List<String> replies = pop.converse("USER alice", "PASS s3cret", "STAT", "RETR 1", "DELE 1", "QUIT");
            assertThat(pop.greeting()).startsWith("+OK");
            assertThat(replies).contains("+OK 1 32", "..dot line", "body");
            assertThat(replies.get(replies.size() - 1)).startsWith("+OK");
        }
        try (var files = Files.list(maildir.resolve("new"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void maildirThatIsASymlink_isRefused_unlessFollowRootSymlinkIsSet() throws Exception {
        Path elsewhere = dir.resolve("mount/u1");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(elsewhere.resolve(sub));
        }
        Files.writeString(elsewhere.resolve("new/1700000000.M1P1.host"), "Subject: hi\n\nbody\n");
        Files.createDirectories(dir.resolve("mail/u1"));
        Files.createSymbolicLink(dir.resolve("mail/u1/Maildir"), elsewhere);
        String path = "store.maildir.path=" + dir + "/mail/{user}/Maildir";
        for (String follow : List.of("false", "true")) {
            try (Pop3Server server = TestConfig.server(
                            "store=maildir",
                            path,
                            "auth.failure-delay=0s",
                            "store.maildir.follow-root-symlink=" + follow);
                    Pop3Wire pop = Pop3Wire.connect(server.port())) {
                List<String> replies = pop.converse("USER u1", "PASS secret", "QUIT");
                assertThat(replies.get(1))
                        .as("PASS with follow-root-symlink=" + follow)
                        .startsWith(follow.equals("true") ? "+OK" : "-ERR [SYS/TEMP]");
            }
        }
    }

    @Test
    void hashPassword_printsAHashThatThePasswordFileAccepts() throws Exception {
        for (String scheme : List.of("ARGON2ID", "BCRYPT", "SHA512-CRYPT", "SCRAM-SHA-256", "PLAIN")) {
            assertThat(hash("pw", scheme)).startsWith("{" + scheme + "}");
        }
    }

    @Test
    void serve_logsTheBoundPort_andStopsGracefullyOnSigterm() throws Exception {
        Path config = dir.resolve("demo.properties");
        Files.writeString(config, "pop3.port=0\n");
        try (ServerProcess server = ServerProcess.serve(config, dir.resolve("server.log"))) {
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.greeting()).startsWith("+OK");
                pop.converse("CAPA");
            }
            assertThat(server.stop()).isTrue();
            assertThat(server.log()).contains("stopped listening on 127.0.0.1");
        }
    }

    static String hash(String password, String scheme) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main(
                        new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err)
                .run(new String[] {"hash-password", "--scheme", scheme});
        assertThat(status).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
