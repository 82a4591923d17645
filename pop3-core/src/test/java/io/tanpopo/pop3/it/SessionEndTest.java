package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How sessions end and exclude each other (RFC 1939 §6, RFC 2449 §6.5, §8.1): only QUIT commits,
 * the maildrop is exclusive ({@code [IN-USE]} in the exclusive lock mode; the takeover mode is
 * {@link TakeoverTest}'s), idle clients are logged out, and logins can be spaced.
 */
class SessionEndTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");

    @Test
    void droppedConnectionAfterDele_commitsNothing() {
        try (Pop3Server server = server(mail).start()) {
            SeedMessages.seed(mail.mailbox("alice"));
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                pop.login("alice", "secret");
                assertThat(pop.command("DELE 1")).startsWith("+OK");
                assertThat(pop.command("DELE 2")).startsWith("+OK");
            }
            try (Pop3Wire pop = Sessions.loginWhenUnlocked(server.port(), "alice", "secret")) {
                assertThat(pop.command("STAT")).startsWith("+OK 3 ");
            }
            assertThat(mail.mailbox("alice").size()).isEqualTo(3);
            Sessions.assertServerStillServes(server, mail);
        }
    }

    @Test
    void exclusive_secondConcurrentSession_getsInUse_andTheFirstStillWorks() {
        MemoryBackend exclusive = new MemoryBackend(LockMode.EXCLUSIVE).user("alice", "secret");
        try (Pop3Server server = server(exclusive).start()) {
            SeedMessages.seed(exclusive.mailbox("alice"));
            try (Pop3Wire first = Pop3Wire.connect(server.port());
                    Pop3Wire second = Pop3Wire.connect(server.port())) {
                assertThat(first.login("alice", "secret")).startsWith("+OK");
                assertThat(second.login("alice", "secret")).startsWith("-ERR [IN-USE]");
                assertThat(second.command("STAT")).isEqualTo("-ERR Command not valid in this state");
                assertThat(first.command("DELE 1")).startsWith("+OK");
                assertThat(first.command("QUIT")).startsWith("+OK");
            }
            try (Pop3Wire pop = Sessions.loginWhenUnlocked(server.port(), "alice", "secret")) {
                assertThat(pop.command("STAT")).startsWith("+OK 2 ");
            }
            Sessions.assertServerStillServes(server, exclusive);
        }
    }

    @Test
    void idleTimeout_closesTheConnection_andCommitsNothing() {
        try (Pop3Server server = server(mail).idleTimeout(Duration.ofSeconds(1)).start()) {
            SeedMessages.seed(mail.mailbox("alice"));
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                pop.login("alice", "secret");
                assertThat(pop.command("DELE 1")).startsWith("+OK");
                // Blocks (bounded by the dialogue's 10 s read timeout) until the server gives up.
                assertThat(pop.line()).isEqualTo("-ERR Disconnected for inactivity");
                assertThat(pop.closedByServer()).isTrue();
            }
            try (Pop3Wire pop = Sessions.loginWhenUnlocked(server.port(), "alice", "secret")) {
                assertThat(pop.command("STAT")).startsWith("+OK 3 ");
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
            Sessions.assertServerStillServes(server, mail);
        }
    }

    @Test
    void loginDelay_secondLoginTooSoon_isRefused_andCapaAdvertisesIt() {
        try (Pop3Server server = server(mail).loginDelay(Duration.ofMinutes(5)).start()) {
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.command("CAPA")).startsWith("+OK");
                assertThat(pop.body()).contains("LOGIN-DELAY 300");
                assertThat(pop.login("alice", "secret")).startsWith("+OK");
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.login("alice", "secret")).startsWith("-ERR [LOGIN-DELAY]");
                assertThat(pop.command("STAT")).isEqualTo("-ERR Command not valid in this state");
            }
            Sessions.assertServerStillServes(server, mail);
        }
    }

    /**
     * RFC 2449 §8.1.2: [LOGIN-DELAY] is about the last <em>successful</em> login. A login refused
     * with [IN-USE] did not succeed, so it must not restart the delay.
     */
    @Test
    void loginDelay_loginRefusedInUse_doesNotRestartTheDelay() {
        MemoryBackend exclusive = new MemoryBackend(LockMode.EXCLUSIVE).user("alice", "secret");
        try (Pop3Server server =
                server(exclusive).loginDelay(Duration.ofSeconds(1)).start()) {
            try (Pop3Wire holder = Pop3Wire.connect(server.port())) {
                assertThat(holder.login("alice", "secret")).startsWith("+OK");
                // Until the delay has passed a second login is [LOGIN-DELAY]; after it, [IN-USE].
                String refusal = Await.value(Duration.ofSeconds(10), "a login refused [IN-USE]", () -> {
                    try (Pop3Wire other = Pop3Wire.connect(server.port())) {
                        String reply = other.login("alice", "secret");
                        return reply.startsWith("-ERR [IN-USE]") ? reply : null;
                    }
                });
                assertThat(refusal).startsWith("-ERR [IN-USE]");
                assertThat(holder.command("QUIT")).startsWith("+OK");
            }
            Await.value(
                    Duration.ofSeconds(5),
                    "unlock",
                    () -> exclusive.mailbox("alice").isLocked() ? null : true);
            // The last successful login was over a second ago: this one must be let in.
            try (Pop3Wire pop = Pop3Wire.connect(server.port())) {
                assertThat(pop.login("alice", "secret")).startsWith("+OK");
            }
        }
    }

    @Test
    void expire_configured_isAdvertisedInBothStates() {
        try (Pop3Server server = server(mail).expire("NEVER").start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).contains("EXPIRE NEVER");
            pop.login("alice", "secret");
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).contains("EXPIRE NEVER");
        }
        try (Pop3Server server = server(mail).expire("30").start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).contains("EXPIRE 30").noneMatch(l -> l.startsWith("LOGIN-DELAY"));
        }
    }

    @Test
    void expireAndLoginDelay_notConfigured_areNotAdvertised() {
        try (Pop3Server server = server(mail).start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.body()).noneMatch(l -> l.startsWith("EXPIRE") || l.startsWith("LOGIN-DELAY"));
        }
    }

    /**
     * A client that reconnects as soon as it has read the QUIT reply (fetchmail polling several
     * accounts, a test suite) should find the maildrop free. Pipelining USER/PASS right after the
     * greeting makes the new login as fast as a client can be.
     */
    @Test
    void quit_thenImmediateReconnect_findsTheMaildropUnlocked() {
        try (Pop3Server server = server(mail).start()) {
            mail.mailbox("alice").add(SeedMessages.DOTS);
            int inUse = 0;
            for (int i = 0; i < 300; i++) {
                try (Pop3Wire first = Pop3Wire.connect(server.port());
                        Pop3Wire next = Pop3Wire.connect(server.port())) {
                    first.send("USER alice\r\nPASS secret\r\n");
                    first.line();
                    assertThat(first.line()).startsWith("+OK Logged in");
                    first.send("QUIT\r\n");
                    assertThat(first.line()).startsWith("+OK Logging out");
                    // The QUIT reply is in: the next session logs in at once, as a polling client would.
                    next.send("USER alice\r\nPASS secret\r\nQUIT\r\n");
                    next.line();
                    if (next.line().startsWith("-ERR [IN-USE]")) {
                        inUse++;
                    }
                    next.readUntilClosed();
                }
                Await.value(
                        Duration.ofSeconds(5),
                        "unlock",
                        () -> mail.mailbox("alice").isLocked() ? null : true);
            }
            assertThat(inUse)
                    .as("logins right after QUIT refused [IN-USE], out of 300")
                    .isZero();
        }
    }

    private static io.tanpopo.pop3.Pop3ServerBuilder server(MemoryBackend users) {
        return users.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO);
    }
}
