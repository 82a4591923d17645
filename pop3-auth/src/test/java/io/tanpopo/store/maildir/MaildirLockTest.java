package io.tanpopo.store.maildir;

import static io.tanpopo.store.maildir.MaildirStoreTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.OpenResult;
import io.tanpopo.testsupport.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirLockTest {

    private static final Duration CHILD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void secondOpenInTheSameProcess_isInUse_untilClosed() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()));
        Maildrop first = open(store, "alice");
        assertThat(store.open(Account.named("alice"))).isEqualTo(new OpenResult.InUse());
        first.close();
        first.close(); // idempotent
        open(store, "alice").close();
    }

    @Test
    void lockOff_allowsTwoSessions() {
        TestMaildir md = TestMaildir.create(dir, "alice");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()).withLock(false));
        try (Maildrop first = open(store, "alice");
                Maildrop second = open(store, "alice")) {
            assertThat(second.messages()).isEqualTo(first.messages());
        }
    }

    @Test
    void sessionInAnotherProcess_isInUse_andItsLockDiesWithIt() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()));
        try (ChildJvm child = MaildirChild.start("lock", md.template(), "alice")) {
            assertThat(child.nextLine(CHILD)).isEqualTo("locked");
            assertThat(store.open(Account.named("alice"))).isEqualTo(new OpenResult.InUse());

            child.kill(); // SIGKILL: the lock file stays, the OS lock does not
        }
        open(store, "alice").close();
    }

    @Test
    void sessionInThisProcess_isInUse_forAnotherProcess() throws Exception {
        TestMaildir md = TestMaildir.create(dir, "alice");
        MaildirStore store = new MaildirStore(MaildirConfig.of(md.template()));
        try (Maildrop held = open(store, "alice");
                ChildJvm child = MaildirChild.start("lock", md.template(), "alice")) {
            assertThat(child.nextLine(CHILD)).isEqualTo("refused InUse[]");
        }
        try (ChildJvm child = MaildirChild.start("lock", md.template(), "alice")) {
            assertThat(child.nextLine(CHILD)).isEqualTo("locked");
            child.send("");
            child.process().getOutputStream().close();
            assertThat(child.waitForExit()).isZero();
        }
    }
}
