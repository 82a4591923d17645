package io.tanpopo.pop3.hardening.maildir;

import static io.tanpopo.pop3.hardening.maildir.MaildirRig.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import io.tanpopo.testsupport.RequiresRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, a full disk: with the mail file system full (a 3 MB tmpfs filled to the last byte),
 * users can still log in, read, delete and QUIT, so that they can free space. The lock is taken
 * without writing to it and the size cache is skipped. Needs root to mount the tmpfs.
 */
@RequiresProgram(value = "mount", debianPackage = "mount")
@RequiresRoot("mounts a 3 MB tmpfs to fill")
@RequiresProgram(value = "umount", debianPackage = "mount")
class MaildirFullDiskTest {

    private static final List<String> MESSAGES = List.of(
            "Subject: one\n\n.dot line\nbare LF\n", "Subject: two\r\n\r\ntwo\r\n", "Subject: three\r\n\r\n3\r\n");

    @TempDir
    Path dir;

    private Path mount;
    private MaildirRig rig;

    @BeforeEach
    void fullTmpfs() throws Exception {
        mount = Files.createDirectory(dir.resolve("mnt"));
        run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString());
        rig = new MaildirRig(mount);
        rig.maildir("eve");
        for (int i = 0; i < MESSAGES.size(); i++) {
            rig.message("eve", "new", "170000000" + i + ".M" + i + "P1.host", MESSAGES.get(i));
        }
        rig.handOver("eve");
        fill(mount.resolve("filler"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (mount != null && exitCode("umount", mount.toString()) != 0) {
            run("umount", "-l", mount.toString()); // busy: detach it now, the kernel frees it when let go
        }
    }

    @Test
    void fullDisk_loginRetrDeleQuitWork_andNothingIsLost() throws Exception {
        Pop3Server server = rig.server(UnaryOperator.identity());

        try (Pop3Wire client = loggedIn(server, "eve")) {
            assertThat(client.command("STAT")).startsWith("+OK 3 ");
            assertThat(client.command("RETR 2")).startsWith("+OK");
            assertThat(String.join("\n", client.body())).isEqualTo("Subject: two\n\ntwo");
            assertThat(client.command("DELE 1")).startsWith("+OK");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        try (Pop3Wire again = loggedIn(server, "eve")) {
            assertThat(again.command("STAT")).startsWith("+OK 2 ");
            assertThat(again.command("QUIT")).startsWith("+OK");
        }

        Path maildir = mount.resolve("home/eve/Maildir");
        try (Stream<Path> cur = Files.list(maildir.resolve("cur"));
                Stream<Path> fresh = Files.list(maildir.resolve("new"))) {
            assertThat(cur.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("1700000001.M1P1.host:2,", "1700000002.M2P1.host:2,");
            assertThat(fresh).isEmpty();
        }
    }

    /** Writes {@code file} until the file system has no byte left. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1_000; i++) { // 64 MB at most, far above the 3 MB mount
                out.write(block);
            }
            throw new AssertionError("the 3 MB tmpfs took 64 MB");
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            for (int i = 0; i < 4_096; i++) {
                out.write(1); // the last bytes of the last page
                out.flush();
            }
        } catch (IOException full) {
            return;
        }
        throw new AssertionError("still room on the tmpfs");
    }

    private static void run(String... command) throws Exception {
        assertThat(exitCode(command)).as(String.join(" ", command)).isZero();
    }

    private static int exitCode(String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .inheritIO()
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        return process.exitValue();
    }
}
