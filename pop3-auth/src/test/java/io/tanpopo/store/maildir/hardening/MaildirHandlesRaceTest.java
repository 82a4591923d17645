package io.tanpopo.store.maildir.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time between looking at {@code cur/} ({@code lstat}) and opening it: a user who swaps it in a
 * loop for a FIFO or a link to another folder never makes a login block (an {@code O_RDONLY} open
 * of a FIFO waits for a writer) nor makes it list or read the other folder. Each login (and RETR)
 * either serves the real {@code cur/} or is refused.
 */
@RequiresProgram(value = "mkfifo", debianPackage = "coreutils")
@RequiresProgram(value = "python3", debianPackage = "python3")
class MaildirHandlesRaceTest {

    private static final int LOGINS = 20_000;

    @TempDir
    Path dir;

    private Process swapper;
    private Path fifo;

    @AfterEach
    void releaseAnyBlockedOpen() throws Exception {
        if (swapper != null) {
            swapper.destroyForcibly().waitFor();
        }
        if (fifo == null) {
            return;
        }
        for (Path p : List.of(fifo, fifo.resolveSibling("cur"), fifo.resolveSibling("link"))) {
            if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isOther()) {
                // O_RDWR on a FIFO never blocks, and wakes a reader waiting in open(2).
                FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        .close();
            }
        }
    }

    @Test
    void curSwappedForAFifoOrALinkInALoop_loginsNeverBlock_andNeverListTheOtherFolder() throws Exception {
        Path maildir = dir.resolve("eve/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("cur/1700000000.M1P1.host:2,"), "Subject: mine\r\n\r\nmine\r\n");
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("1700000001.M2P1.host:2,"), "root:secret\n");
        Files.createSymbolicLink(maildir.resolve("link"), other);
        fifo = maildir.resolve("fifo");
        mkfifo(fifo);
        swapper = swapper(maildir);
        MaildirStore store =
                new MaildirStore(MaildirConfig.of(dir + "/{user}/Maildir").withLock(false));

        int served = assertTimeoutPreemptively(
                Duration.ofSeconds(50), () -> logins(store), "a login blocked while cur/ was being swapped");

        assertThat(swapper.isAlive()).as("the swapper still swapping").isTrue();
        assertThat(served).as("logins that got in").isPositive();
    }

    /** Logs in {@value #LOGINS} times; every maildrop served must hold only eve's message. */
    private static int logins(MaildirStore store) throws IOException {
        int served = 0;
        for (int i = 0; i < LOGINS; i++) {
            OpenResult result = store.open(Account.named("eve"));
            if (result instanceof OpenResult.Opened opened) {
                try (Maildrop maildrop = opened.maildrop()) {
                    if (!maildrop.messages().isEmpty()) {
                        assertOwnMessageOrRefused(maildrop);
                    }
                    served++;
                }
            }
        }
        return served;
    }

    /** RETR of the first message: eve's own, or refused because cur/ is not the login's now. */
    private static void assertOwnMessageOrRefused(Maildrop maildrop) {
        try (InputStream in = maildrop.openMessage(0)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("Subject: mine");
        } catch (IOException refused) {
            // cur/ was not the login's at this moment: RETR answers -ERR [SYS/TEMP]
        }
    }

    /**
     * The attacker's program: exchanges {@code cur} with the FIFO, then with the link, atomically
     * ({@code renameat2} with {@code RENAME_EXCHANGE}), as fast as it goes, for at most a minute.
     */
    private static Process swapper(Path maildir) throws IOException {
        String program = String.join(
                "\n",
                "import ctypes, os, sys, time",
                "libc = ctypes.CDLL(None, use_errno=True)",
                "os.chdir(sys.argv[1])",
                "end = time.time() + 60",
                "while time.time() < end:",
                "    for other in (b'fifo', b'link'):",
                "        for _ in range(1000):",
                "            if libc.renameat2(-100, b'cur', -100, other, 2) != 0:",
                "                sys.exit('renameat2: ' + os.strerror(ctypes.get_errno()))",
                "");
        return new ProcessBuilder("python3", "-c", program, maildir.toString())
                .inheritIO()
                .start();
    }

    private static void mkfifo(Path path) throws Exception {
        Process process =
                new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }
}
