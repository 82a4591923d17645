package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.transport.SharedIo;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many servers run in one JVM at once, each with its own port and mailboxes; unless given their own,
 * they share the JVM's I/O threads ({@link SharedIo#common()}).
 */
class ManyServersTest {

    @Test
    void severalServersAtOnce_haveDistinctPorts_andIndependentMailboxes() {
        List<Pop3Server> servers = new ArrayList<>();
        List<MemoryBackend> mails = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                MemoryBackend mail = new MemoryBackend().user("alice", "secret-" + i);
                mails.add(mail);
                Pop3Server server = mail.builder()
                        .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                        .start();
                servers.add(server);
                for (int m = 0; m <= i; m++) {
                    mail.mailbox("alice").add("Subject: server " + i + " message " + m + "\r\n\r\n.body\r\n");
                }
            }
            assertThat(new HashSet<>(servers.stream().map(Pop3Server::port).toList()))
                    .hasSize(6);
            // Sessions on every server open together: no lock or counter is shared between servers.
            List<Pop3Wire> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < servers.size(); i++) {
                    Pop3Wire pop = Pop3Wire.connect(servers.get(i).port());
                    sessions.add(pop);
                    assertThat(pop.login("alice", "secret-" + ((i + 1) % 6)))
                            .as("another server's password")
                            .startsWith("-ERR [AUTH]");
                    assertThat(pop.login("alice", "secret-" + i)).startsWith("+OK Logged in, " + (i + 1) + " messages");
                }
                for (int i = 0; i < sessions.size(); i++) {
                    Pop3Wire pop = sessions.get(i);
                    assertThat(pop.command("RETR " + (i + 1))).startsWith("+OK");
                    assertThat(pop.body()).contains("Subject: server " + i + " message " + i, ".body");
                    assertThat(pop.command("DELE 1")).startsWith("+OK");
                    assertThat(pop.command("QUIT")).startsWith("+OK Logging out, 1 messages deleted");
                }
            } finally {
                sessions.forEach(Pop3Wire::close);
            }
            for (int i = 0; i < servers.size(); i++) {
                assertThat(mails.get(i).mailbox("alice").size()).isEqualTo(i);
            }
        } finally {
            servers.forEach(Pop3Server::close);
        }
    }

    @Test
    void closingOneServer_leavesTheOthersServing() {
        MemoryBackend mail = new MemoryBackend().user("alice", "secret");
        try (Pop3Server kept = mail.builder().start()) {
            Pop3Server closed = Pop3Server.builder().user("alice", "secret").start();
            closed.close();
            Sessions.assertServerStillServes(kept, mail);
        }
    }

    @Test
    void serversWithOwnIoThreads_andOnSharedOnes_serveSideBySide_andCloseIndependently() {
        MemoryBackend sharedMail = new MemoryBackend().user("alice", "secret");
        MemoryBackend ownMail = new MemoryBackend().user("alice", "secret");
        MemoryBackend anotherMail = new MemoryBackend().user("alice", "secret");
        try (Pop3Server shared = sharedMail.builder().start()) {
            Pop3Server own = ownMail.builder().ioThreads(2).start();
            Sessions.assertServerStillServes(own, ownMail);
            own.close();
            Sessions.assertServerStillServes(shared, sharedMail);
            try (Pop3Server another = anotherMail.builder().ioThreads(1).start()) {
                Sessions.assertServerStillServes(another, anotherMail);
            }
        }
    }

    @Test
    void closingTheCommonIo_isIgnored_becauseOtherServersInTheJvmUseIt() {
        MemoryBackend mail = new MemoryBackend().user("alice", "secret");
        MemoryBackend laterMail = new MemoryBackend().user("alice", "secret");
        try (Pop3Server server = mail.builder().start()) {
            SharedIo.common().close();
            Sessions.assertServerStillServes(server, mail);
            try (Pop3Server later = laterMail.builder().start()) {
                Sessions.assertServerStillServes(later, laterMail);
            }
        }
    }

    /** Measures, does not judge: start() to the first greeting read, 20 servers, warm JVM. */
    @Test
    void startToFirstAcceptedConnection_twentyServers_reportsTheMedian() {
        for (int i = 0; i < 5; i++) {
            startAndGreet();
        }
        long[] nanos = new long[20];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = startAndGreet();
        }
        Arrays.sort(nanos);
        double median = (nanos[9] + nanos[10]) / 2.0 / 1_000_000;
        System.out.printf(
                "tanpopo start-to-first-greeting over 20 servers (warm JVM): median %.2f ms, "
                        + "min %.2f ms, max %.2f ms%n",
                median, nanos[0] / 1e6, nanos[19] / 1e6);
        assertThat(nanos[0]).isPositive();
    }

    private static long startAndGreet() {
        long started = System.nanoTime();
        try (Pop3Server server = Pop3Server.builder().user("alice", "secret").start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            assertThat(pop.greeting()).startsWith("+OK");
            return System.nanoTime() - started;
        }
    }
}
