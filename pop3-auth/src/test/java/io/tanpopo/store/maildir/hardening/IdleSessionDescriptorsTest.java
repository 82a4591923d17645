package io.tanpopo.store.maildir.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logged-in session that waits for its client holds no descriptor for its maildir's
 * directories (with locking on, only the lock file's): 10,000 idle sessions must fit under a
 * 20,000 descriptor limit beside their 10,000 sockets.
 */
class IdleSessionDescriptorsTest {

    private static final int SESSIONS = 200;
    private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

    @TempDir
    Path dir;

    @Test
    void openMaildrops_holdNoDirectoryDescriptors_andOneForTheLockWhenLocking() throws IOException {
        assumeTrue(Files.isDirectory(OWN_DESCRIPTORS), "counts descriptors in /proc/self/fd (Linux)");
        for (int i = 0; i < SESSIONS; i++) {
            Path maildir = dir.resolve("u" + i + "/Maildir");
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "Subject: hi\r\n\r\nhi\r\n");
        }
        MaildirConfig config = MaildirConfig.of(dir + "/{user}/Maildir");

        assertThat(descriptorsPerSession(new MaildirStore(config.withLock(false))))
                .isLessThan(0.05);
        assertThat(descriptorsPerSession(new MaildirStore(config))).isBetween(0.95, 1.05);
    }

    /** Descriptors held per open maildrop, over {@value #SESSIONS} open at once. */
    private double descriptorsPerSession(MaildirStore store) throws IOException {
        long before = descriptors();
        List<Maildrop> open = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                OpenResult result = store.open(Account.named("u" + i));
                assertThat(result).isInstanceOf(OpenResult.Opened.class);
                open.add(((OpenResult.Opened) result).maildrop());
            }
            return (descriptors() - before) / (double) SESSIONS;
        } finally {
            open.forEach(Maildrop::close);
        }
    }

    private static long descriptors() throws IOException {
        try (Stream<Path> fds = Files.list(OWN_DESCRIPTORS)) {
            return fds.count();
        }
    }
}
