package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.DovecotDaemon;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare-uidls}: the old server (the real Dovecot) against tanpopo's view of its maildir. */
class CompareUidlsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String password, String... args) {
        return new Main(
                        new ByteArrayInputStream(password.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private Path maildir() throws IOException {
        Path maildir = dir.resolve("alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "From: a@example.org\n\n.dot line\n");
        Files.writeString(maildir.resolve("new/1700000001.M2P1.host"), "From: b@example.org\n\nbare\nline feeds\n");
        Files.writeString(maildir.resolve("cur/1700000002.M3P1.host:2,S"), "From: c@example.org\n\nseen\n");
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (Path p = dir; p.startsWith(tmp) && !p.equals(tmp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return maildir;
    }

    private String[] args(DovecotDaemon old, String uidl) {
        Path config = TestConfig.write(
                dir,
                "tanpopo.properties",
                "store=maildir",
                "store.maildir.path=" + dir + "/{user}/Maildir",
                "store.maildir.uidl=" + uidl,
                "auth.users=alice:" + DovecotDaemon.PASSWORD,
                "resolver.strategies=none");
        return new String[] {
            "compare-uidls", "--old", "pop3://127.0.0.1:" + old.port(), "--user", "alice", "--config", config.toString()
        };
    }

    @Test
    @RequiresProgram(value = "/usr/sbin/dovecot", debianPackage = "dovecot-core")
    @RequiresProgram(value = "/usr/lib/dovecot/pop3", debianPackage = "dovecot-pop3d")
    void dovecotStyle_sameUidlsAndSizes_exitsZero() throws Exception {
        Path maildir = maildir();
        try (DovecotDaemon old =
                new DovecotDaemon(Files.createDirectories(dir.resolve("dovecot")), maildir, "%08Xu%08Xv")) {
            assertThat(run(DovecotDaemon.PASSWORD + "\n", args(old, "dovecot")))
                    .as(err.toString(StandardCharsets.UTF_8))
                    .isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("3 messages on the old server, 3 on tanpopo, 0 differences\n");
        assertThat(maildir.resolve("new")).as("tanpopo's session moved nothing").isEmptyDirectory();
    }

    @Test
    @RequiresProgram(value = "/usr/sbin/dovecot", debianPackage = "dovecot-core")
    @RequiresProgram(value = "/usr/lib/dovecot/pop3", debianPackage = "dovecot-pop3d")
    void filenameStyle_againstDovecot_listsEveryMessage_exitsOne() throws Exception {
        Path maildir = maildir();
        try (DovecotDaemon old =
                new DovecotDaemon(Files.createDirectories(dir.resolve("dovecot")), maildir, "%08Xu%08Xv")) {
            assertThat(run(DovecotDaemon.PASSWORD + "\n", args(old, "filename")))
                    .as(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("only old: +#1 00000001[0-9a-f]{8} \\(\\d+ octets\\)")
                .contains("only tanpopo: #1 1700000000.M1P1.host (", "only tanpopo: #3 1700000002.M3P1.host (")
                .endsWith("3 messages on the old server, 3 on tanpopo, 6 differences\n");
    }

    @Test
    @RequiresProgram(value = "/usr/sbin/dovecot", debianPackage = "dovecot-core")
    @RequiresProgram(value = "/usr/lib/dovecot/pop3", debianPackage = "dovecot-pop3d")
    void wrongPassword_exitsTwo_sayingWhich() throws Exception {
        Path maildir = maildir();
        try (DovecotDaemon old =
                new DovecotDaemon(Files.createDirectories(dir.resolve("dovecot")), maildir, "%08Xu%08Xv")) {
            assertThat(run("wrong\n", args(old, "dovecot"))).isEqualTo(2);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("compare-uidls: PASS");
    }

    @Test
    void missingUser_orNoPassword_exitTwo() {
        assertThat(run("x\n", "compare-uidls", "--old", "pop3://127.0.0.1:1", "--config", "/nonexistent"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--user");
        assertThat(run(
                        "",
                        "compare-uidls",
                        "--old",
                        "pop3://127.0.0.1:1",
                        "--user",
                        "a",
                        "--config",
                        TestConfig.write(dir, "t.properties", "store=maildir").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password on standard input");
        assertThat(run("x\n", "compare-uidls", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Exit status: 0 all identical, 1 differences, 2 an error.");
    }
}
