package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.store.CommitResult;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.Maildrop;
import io.tanpopo.store.MessageInfo;
import io.tanpopo.store.OpenResult;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock modes on real maildirs: takeover ends an abandoned session without committing its
 * DELEs, waits for a QUIT that is committing and then sees its result; exclusive answers
 * {@code [IN-USE]}; off lets two sessions delete the same file; takeover is per server instance.
 */
class MaildirTakeoverTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    @Test
    void takeover_abandonedSessionWithDele_commitsNothing_theFileStays() throws IOException {
        deliver(3);
        try (Pop3Server server = server(store(LockMode.TAKEOVER), SessionListener.none());
                Pop3Wire abandoned = Pop3Wire.connect(server.port());
                Pop3Wire next = Pop3Wire.connect(server.port())) {
            assertThat(abandoned.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
            assertThat(abandoned.command("DELE 1")).startsWith("+OK");
            assertThat(abandoned.command("DELE 3")).startsWith("+OK");
            assertThat(next.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
            assertThat(TakeoverTest.endOf(abandoned)).isIn(TakeoverTest.TOLD, TakeoverTest.CLOSED);
            assertThat(next.command("QUIT")).isEqualTo("+OK Logging out, 0 messages deleted");
        }
        assertThat(files()).hasSize(3);
    }

    /**
     * A large QUIT commit (2,000 unlinks) is under way when the next login of the user arrives: the
     * commit finishes and is answered, and the new login waits for it and sees the maildrop after
     * it. The commit is held until the new PASS is being dispatched, so the two overlap.
     */
    @Test
    void takeover_loginDuringALargeQuitCommit_waitsForIt_andSeesItsResult() throws Exception {
        int count = 2_000;
        deliver(count);
        CountDownLatch bothPasses = new CountDownLatch(2);
        GatedStore gated = new GatedStore(store(LockMode.TAKEOVER), bothPasses);
        try (Pop3Server server = server(gated, new PassListener(bothPasses));
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire next = Pop3Wire.connect(server.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK Logged in, " + count + " messages");
            StringBuilder deles = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                deles.append("DELE ").append(i).append("\r\n");
            }
            first.send(deles.append("QUIT\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 1; i <= count; i++) {
                assertThat(first.line()).as("DELE %d", i).startsWith("+OK");
            }
            assertThat(gated.commitStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            assertThat(next.command("USER alice")).startsWith("+OK");
            next.send("PASS secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(first.line()).isEqualTo("+OK Logging out, " + count + " messages deleted");
            assertThat(next.line()).isEqualTo("+OK Logged in, 0 messages (0 octets)");
            assertThat(next.command("QUIT")).startsWith("+OK");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void exclusive_secondLogin_getsInUse_andTheFirstStillCommits() throws IOException {
        deliver(2);
        try (Pop3Server server = server(store(LockMode.EXCLUSIVE), SessionListener.none());
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK");
            assertThat(second.login("alice", "secret"))
                    .isEqualTo("-ERR [IN-USE] Maildrop is locked by another session");
            assertThat(first.command("DELE 1")).startsWith("+OK");
            assertThat(first.command("QUIT")).isEqualTo("+OK Logging out, 1 messages deleted");
        }
        assertThat(files()).hasSize(1);
    }

    @Test
    void off_bothSessionsDeleteTheSameFile_itIsRemovedOnce_andNothingElseIsLost() throws IOException {
        deliver(3);
        try (Pop3Server server = server(store(LockMode.OFF), SessionListener.none());
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
            assertThat(second.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
            assertThat(first.command("DELE 2")).startsWith("+OK");
            assertThat(second.command("DELE 2")).startsWith("+OK");
            assertThat(first.command("QUIT")).isEqualTo("+OK Logging out, 1 messages deleted");
            assertThat(second.command("QUIT")).isEqualTo("+OK Logging out, 0 messages deleted");
        }
        assertThat(files()).hasSize(2).noneMatch(f -> f.getFileName().toString().startsWith("1001."));
    }

    /** Takeover is per instance: a session of another server (process) keeps its lock. */
    @Test
    void takeover_isPerInstance_aSessionOfAnotherServerStillAnswersInUse() throws IOException {
        deliver(1);
        try (Pop3Server one = server(store(LockMode.TAKEOVER), SessionListener.none());
                Pop3Server other = server(store(LockMode.TAKEOVER), SessionListener.none());
                Pop3Wire first = Pop3Wire.connect(one.port());
                Pop3Wire second = Pop3Wire.connect(other.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK");
            assertThat(second.login("alice", "secret")).startsWith("-ERR [IN-USE]");
            assertThat(first.command("STAT")).startsWith("+OK 1 ");
        }
    }

    private MaildirStore store(LockMode mode) {
        return new MaildirStore(MaildirConfig.of(root + "/{user}/Maildir").withLock(mode));
    }

    private static Pop3Server server(MailStore store, SessionListener listener) {
        return Pop3Server.builder()
                .noTls()
                .user("alice", "secret")
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .store(store)
                .listener(listener)
                .start();
    }

    /** {@code count} delivered messages in alice's {@code new/}, one with a line starting with a dot. */
    private void deliver(int count) throws IOException {
        Path maildir = root.resolve("alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (int i = 0; i < count; i++) {
            Files.write(
                    maildir.resolve("new").resolve((1000 + i) + ".M" + i + "P1.host"),
                    ("Subject: " + i + "\n\n.dot line\nbody\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private List<Path> files() throws IOException {
        Path maildir = root.resolve("alice/Maildir");
        try (Stream<Path> cur = Files.list(maildir.resolve("cur"));
                Stream<Path> fresh = Files.list(maildir.resolve("new"))) {
            return Stream.concat(cur, fresh).toList();
        }
    }

    /** Counts down each time a PASS command is dispatched, before it runs. */
    private static final class PassListener implements SessionListener {
        private final CountDownLatch heard;

        PassListener(CountDownLatch heard) {
            this.heard = heard;
        }

        @Override
        public void command(Pop3Session session, CommandLine line) {
            if (line.keyword().equals("PASS")) {
                heard.countDown();
            }
        }
    }

    /** The maildir store, whose commits wait (bounded) until {@code gate} opens. */
    private static final class GatedStore implements MailStore {
        private final MailStore delegate;
        private final CountDownLatch gate;
        final CountDownLatch commitStarted = new CountDownLatch(1);

        GatedStore(MailStore delegate, CountDownLatch gate) {
            this.delegate = delegate;
            this.gate = gate;
        }

        @Override
        public LockMode lockMode() {
            return delegate.lockMode();
        }

        @Override
        public OpenResult open(Account account) {
            OpenResult opened = delegate.open(account);
            return opened instanceof OpenResult.Opened ok ? new OpenResult.Opened(new Gated(ok.maildrop())) : opened;
        }

        private final class Gated implements Maildrop {
            private final Maildrop maildrop;

            Gated(Maildrop maildrop) {
                this.maildrop = maildrop;
            }

            @Override
            public List<MessageInfo> messages() {
                return maildrop.messages();
            }

            @Override
            public InputStream openMessage(int index) throws IOException {
                return maildrop.openMessage(index);
            }

            @Override
            public CommitResult commit(BitSet deleted, BitSet retrieved) {
                commitStarted.countDown();
                try {
                    gate.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return maildrop.commit(deleted, retrieved);
            }

            @Override
            public void close() {
                maildrop.close();
            }
        }
    }
}
