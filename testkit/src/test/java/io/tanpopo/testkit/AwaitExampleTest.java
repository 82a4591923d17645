package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testkit.junit.Pop3Extension;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Waiting for what a client does in the background, with explicit timeouts. */
class AwaitExampleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void awaitsLoginRetrievalDeletionAndClose_ofABackgroundClient() throws Exception {
        pop3.user("alice").deliver("Subject: job\r\n\r\nrun me\r\n");

        // The code under test: a poller that fetches and deletes, on its own thread.
        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> fetchAndDelete(pop3));

        pop3.await().login("alice", TIMEOUT);
        pop3.await().retrieved("alice", 1, TIMEOUT);
        pop3.await().deleted("alice", 1, TIMEOUT);
        Transcript closed = pop3.await().closed("alice", TIMEOUT);
        poller.get(10, TimeUnit.SECONDS);

        assertThat(closed.ended()).contains("quit");
        assertThat(pop3.user("alice").count()).isZero();
    }

    @Test
    void aTimedOutAwait_saysWhatItWaitedFor_andShowsTheSessions() {
        assertThatThrownBy(() -> pop3.await().retrieved("alice", 1, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Timed out after 50 ms waiting for alice to retrieve message 1")
                .hasMessageContaining("(none)");
    }

    private static void fetchAndDelete(Pop3Extension server) {
        try {
            Store store = Session.getInstance(server.mailProperties()).getStore("pop3");
            store.connect("alice", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message message : inbox.getMessages()) {
                message.getContent();
                message.setFlag(Flags.Flag.DELETED, true);
            }
            inbox.close(true);
            store.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
