package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many clients at once: one user from many connections (exactly one gets in, the rest
 * {@code [IN-USE]}, nothing lost), deliveries during sessions, many users with an invariant check
 * at the end, and a soak of short sessions that leaves the heap flat.
 */
@Timeout(300)
class ConcurrencyTest {

    @Test
    void exclusive_sameUserFromManyConnections_exactlyOneGetsIn_theRestAreInUse() throws Exception {
        MemoryBackend mail = new MemoryBackend(LockMode.EXCLUSIVE);
        try (Pop3Server server = Hostile.server(mail, Duration.ofMinutes(10))) {
            int clients = 50;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<Pop3Wire>> logins = new ArrayList<>();
            List<Pop3Wire> open = new ArrayList<>();
            AtomicInteger inUse = new AtomicInteger();
            for (int i = 0; i < clients; i++) {
                logins.add(pool.submit(() -> {
                    Pop3Wire d = Pop3Wire.connect(server.port());
                    d.command("USER alice");
                    go.await();
                    String reply = d.command("PASS secret");
                    if (reply.startsWith("-ERR [IN-USE]")) {
                        inUse.incrementAndGet();
                    }
                    return reply.startsWith("+OK") ? d : closeAndNull(d);
                }));
            }
            go.countDown();
            for (Future<Pop3Wire> f : logins) {
                Pop3Wire d = f.get(60, TimeUnit.SECONDS);
                if (d != null) {
                    open.add(d);
                }
            }
            pool.shutdown();
            assertThat(open).hasSize(1);
            assertThat(inUse.get()).isEqualTo(clients - 1);
            open.get(0).command("DELE 1");
            Hostile.expectOk(open.get(0).command("QUIT"));
            open.get(0).close();
            assertThat(mail.mailbox("alice").size()).isEqualTo(FuzzedSession.SEED.size() - 1);
        }
    }

    /**
     * Takeover: 50 logins of one user at once end each other, newest wins. Whatever the order,
     * exactly one session is left in TRANSACTION, every other was refused {@code [IN-USE]} or
     * ended, nothing was committed by an ended one, and the survivor's QUIT commits.
     */
    @Test
    void takeover_sameUserFromManyConnections_leavesExactlyOneSession_andLosesNothing() throws Exception {
        MemoryBackend mail = new MemoryBackend(LockMode.TAKEOVER);
        try (Pop3Server server = Hostile.server(mail, Duration.ofMinutes(10))) {
            int clients = 50;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<Pop3Wire>> logins = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                logins.add(pool.submit(() -> {
                    Pop3Wire d = Pop3Wire.connect(server.port());
                    d.command("USER alice");
                    go.await();
                    try {
                        String reply = d.command("PASS secret");
                        if (reply != null && reply.startsWith("+OK")) {
                            d.command("DELE 1"); // never committed unless this session is the one left
                            return d;
                        }
                    } catch (UncheckedIOException reset) {
                        // taken over while its reply was on the way: a dropped connection
                    }
                    return closeAndNull(d);
                }));
            }
            go.countDown();
            List<Pop3Wire> loggedIn = new ArrayList<>();
            for (Future<Pop3Wire> f : logins) {
                Pop3Wire d = f.get(60, TimeUnit.SECONDS);
                if (d != null) {
                    loggedIn.add(d);
                }
            }
            pool.shutdown();
            List<Pop3Wire> alive = new ArrayList<>();
            for (Pop3Wire d : loggedIn) {
                String stat = statOrNull(d);
                if (stat != null && stat.startsWith("+OK")) {
                    alive.add(d);
                } else {
                    d.close();
                }
            }
            assertThat(alive).hasSize(1);
            assertThat(mail.mailbox("alice").size()).isEqualTo(FuzzedSession.SEED.size());
            Hostile.expectOk(alive.get(0).command("QUIT"));
            alive.get(0).close();
            assertThat(mail.mailbox("alice").size()).isEqualTo(FuzzedSession.SEED.size() - 1);
        }
    }

    @Test
    void deliveriesDuringASession_areNeitherSeenNorLost_andSurviveItsQuit() {
        MemoryBackend mail = new MemoryBackend();
        try (Pop3Server server = Hostile.server(mail, Duration.ofMinutes(10));
                Pop3Wire d = Pop3Wire.connect(server.port())) {
            Hostile.expectOk(d.login("alice", "secret"));
            for (int i = 0; i < 20; i++) {
                mail.mailbox("alice").add("Subject: late " + i + "\r\n\r\nx\r\n");
            }
            assertThat(d.command("STAT")).startsWith("+OK " + FuzzedSession.SEED.size() + " ");
            Hostile.expectOk(d.command("DELE 1"));
            Hostile.expectOk(d.command("DELE 2"));
            Hostile.expectOk(d.command("QUIT"));
            assertThat(mail.mailbox("alice").size()).isEqualTo(FuzzedSession.SEED.size() - 2 + 20);
        }
    }

    @Test
    void manyUsersAtOnce_eachDeletesItsOwn_andTheTotalsAddUp() throws Exception {
        int users = Hostile.LONG ? 200 : 40;
        int rounds = Hostile.LONG ? 20 : 5;
        MemoryBackend mail = new MemoryBackend();
        try (Pop3Server server = Hostile.server(mail, Duration.ofMinutes(10))) {
            for (int u = 0; u < users; u++) {
                mail.user("user" + u, "pw" + u);
                for (int m = 0; m < rounds * 2; m++) {
                    mail.mailbox("user" + u).add("Subject: " + m + "\r\n\r\n.body " + m + "\n");
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> work = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                work.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        // A dropped session's lock goes when the server has seen the close.
                        Await.until(
                                Duration.ofSeconds(20),
                                "unlocked",
                                () -> !mail.mailbox("user" + user).isLocked());
                        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                            Hostile.expectOk(d.login("user" + user, "pw" + user));
                            Hostile.expectOk(d.command("RETR 1"));
                            d.body();
                            Hostile.expectOk(d.command("DELE 1"));
                            if (r % 2 == 0) {
                                Hostile.expectOk(d.command("QUIT")); // committed
                            } // otherwise dropped: nothing committed
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(240, TimeUnit.SECONDS);
            }
            pool.shutdown();
            int committed = (rounds + 1) / 2;
            for (int u = 0; u < users; u++) {
                int user = u;
                Await.until(
                        Duration.ofSeconds(20),
                        "unlocked",
                        () -> !mail.mailbox("user" + user).isLocked());
                assertThat(mail.mailbox("user" + u).size()).as("user%d", u).isEqualTo(rounds * 2 - committed);
            }
            Hostile.normalSessionWorks(server, mail, mail.mailbox("alice").messages());
        }
    }

    @Test
    void soakOfShortSessions_leavesTheHeapFlat() {
        int sessions = Hostile.LONG ? 20_000 : 3_000;
        MemoryBackend mail = new MemoryBackend();
        try (Pop3Server server = Hostile.server(mail, Duration.ofMinutes(10))) {
            List<Long> samples = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                try (Pop3Wire d = Pop3Wire.connect(server.port())) {
                    if (i % 3 == 0) {
                        d.login("alice", "wrong"); // failed logins feed the throttle
                    } else {
                        Hostile.expectOk(d.login("alice", "secret"));
                        d.command("LIST");
                        d.body();
                    }
                    d.command("QUIT");
                }
                if (i == sessions / 10 || (i + 1) % (sessions / 5) == 0) {
                    samples.add(Hostile.usedHeapAfterGc());
                }
            }
            long first = samples.get(0);
            long last = samples.get(samples.size() - 1);
            assertThat(last)
                    .as("heap after %d sessions, samples %s", sessions, samples)
                    .isLessThan(first + (24L << 20));
            Hostile.normalSessionWorks(server, mail, mail.mailbox("alice").messages());
        }
    }

    /** STAT's reply; null when the server closed (or reset) the connection. */
    private static String statOrNull(Pop3Wire d) {
        try {
            return d.command("STAT");
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static Pop3Wire closeAndNull(Pop3Wire d) {
        d.close();
        return null;
    }
}
