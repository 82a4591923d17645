package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.config.Limits;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.store.LockMode;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code store.maildir.lock=takeover}, the default, over raw sockets with the in-memory store: a
 * successful login of a user ends that user's older session as a dropped connection (RFC 1939 §6:
 * it commits nothing), so a session left open never locks its user out; an unauthenticated client
 * ends nothing. With {@code off}, sessions run side by side and a message deleted by both is
 * removed once.
 */
class TakeoverTest {

    private final List<String> ends = new CopyOnWriteArrayList<>();
    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");

    @Test
    void secondLogin_endsTheAbandonedFirst_whoseDeleIsNeverCommitted() {
        try (Pop3Server server = server(mail).start()) {
            SeedMessages.seed(mail.mailbox("alice"));
            try (Pop3Wire first = Pop3Wire.connect(server.port());
                    Pop3Wire second = Pop3Wire.connect(server.port())) {
                assertThat(first.login("alice", "secret")).startsWith("+OK");
                assertThat(first.command("DELE 1")).startsWith("+OK");
                // first is abandoned mid-transaction, as by a phone that lost its network
                assertThat(second.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
                assertThat(endOf(first)).isIn(TOLD, CLOSED);

                assertThat(mail.mailbox("alice").size()).isEqualTo(3);
                assertThat(second.command("RETR 1")).startsWith("+OK");
                second.body();
                assertThat(second.command("QUIT")).isEqualTo("+OK Logging out, 0 messages deleted");
            }
            assertThat(mail.mailbox("alice").size()).isEqualTo(3);
            Await.until(Duration.ofSeconds(10), "the second session to end", () -> ends.contains("quit"));
            assertThat(ends).containsExactly("taken over", "quit");
        }
    }

    /** The scenario of the issue: a client suite that never logs out and logs in again at once. */
    @Test
    void manySessionsLeftOpen_eachNextLoginGetsIn() {
        try (Pop3Server server = server(mail).start()) {
            SeedMessages.seed(mail.mailbox("alice"));
            List<Pop3Wire> left = new CopyOnWriteArrayList<>();
            try {
                for (int i = 0; i < 25; i++) {
                    Pop3Wire pop = Pop3Wire.connect(server.port());
                    left.add(pop);
                    assertThat(pop.login("alice", "secret"))
                            .as("login %d", i + 1)
                            .startsWith("+OK");
                    assertThat(pop.command("STAT")).startsWith("+OK 3 ");
                }
            } finally {
                left.forEach(Pop3Wire::close);
            }
            assertThat(ends.stream().filter("taken over"::equals).count()).isEqualTo(24);
        }
    }

    @Test
    void failedLogins_neverEndTheSession() {
        try (Pop3Server server = server(mail.user("bob", "hunter2")).start()) {
            SeedMessages.seed(mail.mailbox("alice"));
            try (Pop3Wire first = Pop3Wire.connect(server.port());
                    Pop3Wire intruder = Pop3Wire.connect(server.port())) {
                assertThat(first.login("alice", "secret")).startsWith("+OK");
                assertThat(intruder.login("alice", "wrong")).startsWith("-ERR [AUTH]");
                assertThat(intruder.command("APOP alice 0123456789abcdef0123456789abcdef"))
                        .startsWith("-ERR [AUTH]");
                assertThat(intruder.command("AUTH PLAIN AGFsaWNlAHdyb25n")).startsWith("-ERR [AUTH]"); // \0alice\0wrong
                assertThat(intruder.login("bob", "hunter2")).startsWith("+OK"); // another user ends nothing
                assertThat(first.command("DELE 1")).startsWith("+OK");
                assertThat(first.command("QUIT")).isEqualTo("+OK Logging out, 1 messages deleted");
            }
            assertThat(mail.mailbox("alice").size()).isEqualTo(2);
            assertThat(ends).doesNotContain("taken over");
        }
    }

    /** limits.sessions-per-user counts the sessions left after the takeover, not the one it ends. */
    @Test
    void sessionsPerUserLimitOfOne_doesNotRefuseTheLoginThatTakesOver() {
        try (Pop3Server server = server(mail).limits(new Limits(0, 0, 1)).start();
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK");
            assertThat(second.login("alice", "secret")).startsWith("+OK");
            assertThat(second.command("STAT")).startsWith("+OK");
        }
    }

    /** RFC 2449 §6.5: a login refused [LOGIN-DELAY] did not succeed, so it ends nothing either. */
    @Test
    void loginRefusedByLoginDelay_endsNoSession() {
        try (Pop3Server server = server(mail).loginDelay(Duration.ofHours(1)).start();
                Pop3Wire first = Pop3Wire.connect(server.port());
                Pop3Wire second = Pop3Wire.connect(server.port())) {
            assertThat(first.login("alice", "secret")).startsWith("+OK");
            assertThat(second.login("alice", "secret")).startsWith("-ERR [LOGIN-DELAY]");
            assertThat(first.command("STAT")).startsWith("+OK");
        }
    }

    /**
     * A session cut off in the middle of a large RETR to a client that stopped reading (its
     * replies can never leave) does not hold the maildrop: the next login gets in at once.
     */
    @Test
    void sessionStuckInARetr_isCutOff_andTheNextLoginGetsIn() {
        try (Pop3Server server = server(mail).start()) {
            mail.mailbox("alice")
                    .add("Subject: big\r\n\r\n"
                            + "x".repeat(1000).concat("\r\n").repeat(16_000));
            try (Pop3Wire stuck = Pop3Wire.connect(server.port());
                    Pop3Wire next = Pop3Wire.connect(server.port())) {
                assertThat(stuck.login("alice", "secret")).startsWith("+OK");
                assertThat(stuck.command("RETR 1")).startsWith("+OK"); // and reads no further
                assertThat(next.login("alice", "secret")).startsWith("+OK Logged in, 1 messages");
                assertThat(next.command("QUIT")).startsWith("+OK");
            }
            assertThat(mail.mailbox("alice").size()).isEqualTo(1);
        }
    }

    /**
     * {@code off}, Dovecot's default: both sessions get in on their own snapshot; a message both
     * deleted is removed once (the second QUIT counts only what it removed), and no message that
     * neither deleted is lost.
     */
    @Test
    void off_bothSessionsGetIn_andDeletingTheSameMessageTwiceLosesNothingElse() {
        MemoryBackend off = new MemoryBackend(LockMode.OFF).user("alice", "secret");
        try (Pop3Server server = server(off).start()) {
            SeedMessages.seed(off.mailbox("alice"));
            try (Pop3Wire first = Pop3Wire.connect(server.port());
                    Pop3Wire second = Pop3Wire.connect(server.port())) {
                assertThat(first.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
                assertThat(second.login("alice", "secret")).startsWith("+OK Logged in, 3 messages");
                assertThat(first.command("DELE 1")).startsWith("+OK");
                assertThat(second.command("DELE 1")).startsWith("+OK");
                assertThat(second.command("DELE 2")).startsWith("+OK");
                assertThat(first.command("QUIT")).isEqualTo("+OK Logging out, 1 messages deleted");
                assertThat(second.command("RETR 3")).startsWith("+OK"); // its snapshot still serves it
                second.body();
                assertThat(second.command("QUIT")).isEqualTo("+OK Logging out, 1 messages deleted");
            }
            assertThat(off.mailbox("alice").messages()).hasSize(1);
            assertThat(off.mailbox("alice")
                            .content(off.mailbox("alice").messages().get(0).uid()))
                    .isEqualTo(SeedMessages.EIGHT_BIT);
            assertThat(ends).doesNotContain("taken over");
        }
    }

    /**
     * What a taken-over client reads next: the line, when the server was not still finishing its
     * last reply at that moment (it then cuts the connection without a word), and then the end.
     */
    static String endOf(Pop3Wire pop) {
        try {
            String line = pop.line();
            if (line == null) {
                return CLOSED;
            }
            return pop.closedByServer() ? line : "still open after " + line;
        } catch (java.io.UncheckedIOException e) {
            return CLOSED;
        }
    }

    static final String TOLD = "-ERR [IN-USE] Session taken over by a newer login";
    static final String CLOSED = "(closed)";

    private Pop3ServerBuilder server(MemoryBackend users) {
        return users.builder()
                .noTls()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .listener(new SessionListener() {
                    @Override
                    public void closed(Pop3Session session, String how) {
                        ends.add(how);
                    }
                });
    }
}
