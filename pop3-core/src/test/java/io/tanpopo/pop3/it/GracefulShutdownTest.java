package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shutdown stops accepting, lets sessions QUIT (and commit) within the grace, then closes the rest. */
class GracefulShutdownTest {

    @Test
    void sessionThatQuitsDuringTheGrace_commits_andOneThatDoesNot_commitsNothing() throws Exception {
        MemoryBackend mail = new MemoryBackend().user("alice", "a").user("bob", "b");
        Pop3Server server = mail.builder().noTls().start();
        mail.mailbox("alice").add("Subject: 1\r\n\r\nbody\r\n");
        mail.mailbox("bob").add("Subject: 1\r\n\r\nbody\r\n");
        int port = server.port();
        try (Pop3Wire alice = Pop3Wire.open(port);
                Pop3Wire bob = Pop3Wire.open(port)) {
            alice.line();
            bob.line();
            loginAndDelete(alice, "alice", "a");
            loginAndDelete(bob, "bob", "b");
            CompletableFuture<Boolean> drained =
                    CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(3)));
            Await.value(Duration.ofSeconds(10), "the server to stop accepting", () -> refused(port) ? true : null);
            assertThat(alice.command("QUIT")).startsWith("+OK");
            assertThat(drained.get(30, TimeUnit.SECONDS)).as("bob never quit").isFalse();
            assertThat(bob.closedByServer()).isTrue();
        }
        assertThat(mail.mailbox("alice").size()).isZero();
        assertThat(mail.mailbox("bob").size()).isEqualTo(1);
    }

    @Test
    void whenEverySessionQuits_shutdownReturnsBeforeTheGraceIsOver() throws Exception {
        MemoryBackend mail = new MemoryBackend().user("alice", "a");
        Pop3Server server = mail.builder().noTls().start();
        mail.mailbox("alice").add("Subject: 1\r\n\r\nbody\r\n");
        try (Pop3Wire alice = Pop3Wire.open(server.port())) {
            alice.line();
            loginAndDelete(alice, "alice", "a");
            CompletableFuture<Boolean> drained =
                    CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofMinutes(5)));
            Await.value(
                    Duration.ofSeconds(10), "the server to stop accepting", () -> refused(server.port()) ? true : null);
            assertThat(alice.command("QUIT")).startsWith("+OK");
            assertThat(drained.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(mail.mailbox("alice").size()).isZero();
    }

    private static void loginAndDelete(Pop3Wire client, String user, String password) {
        assertThat(client.command("USER " + user)).startsWith("+OK");
        assertThat(client.command("PASS " + password)).startsWith("+OK");
        assertThat(client.command("DELE 1")).startsWith("+OK");
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
