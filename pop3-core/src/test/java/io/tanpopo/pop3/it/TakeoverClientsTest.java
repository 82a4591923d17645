package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.net.pop3.POP3Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Takeover (the default {@code store.maildir.lock}) with real clients: Angus Mail's POP3 store and
 * commons-net's {@link POP3Client} leave a session open and log in again at once, as a client
 * library's own integration suite does; every login gets in, and the abandoned session fails
 * cleanly on its next command instead of locking the user out.
 */
class TakeoverClientsTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;

    @BeforeEach
    void start() {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void angus_storesNeverClosed_everyNextStoreGetsIn() throws Exception {
        List<Store> abandoned = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                Store store = connect();
                abandoned.add(store);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageCount()).as("session %d", i + 1).isEqualTo(3);
                assertThat(inbox.getMessage(2).getSubject()).isEqualTo("bare LF");
            }
        } finally {
            abandoned.forEach(TakeoverClientsTest::closeQuietly);
        }
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void angus_theOlderStore_failsOnItsNextCommand_andCommitsNothing() throws Exception {
        Store older = connect();
        Folder olderInbox = older.getFolder("INBOX");
        olderInbox.open(Folder.READ_WRITE);
        olderInbox.getMessage(1).setFlag(jakarta.mail.Flags.Flag.DELETED, true);
        try (Store newer = connect()) {
            Folder inbox = newer.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            // Angus meets the -ERR and the closed connection, and closes the folder itself.
            assertThatThrownBy(() -> olderInbox.getMessage(3).getContent())
                    .isInstanceOfAny(MessagingException.class, IllegalStateException.class);
            assertThat(olderInbox.isOpen()).isFalse();
            inbox.close(false);
        } finally {
            closeQuietly(older);
        }
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void commonsNet_secondClientGetsIn_andTheFirstGetsNoMoreAnswers() throws IOException {
        POP3Client first = new POP3Client();
        POP3Client second = new POP3Client();
        try {
            first.setDefaultTimeout(10_000);
            second.setDefaultTimeout(10_000);
            first.connect("127.0.0.1", server.port());
            second.connect("127.0.0.1", server.port());
            assertThat(first.login("alice", "secret")).isTrue();
            assertThat(first.deleteMessage(1)).isTrue();
            assertThat(second.login("alice", "secret")).isTrue();
            assertThat(second.status().number).isEqualTo(3);
            assertThat(nextReply(first)).isIn(TakeoverTest.TOLD, TakeoverTest.CLOSED);
            assertThat(second.logout()).isTrue();
        } finally {
            disconnect(first);
            disconnect(second);
        }
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void commonsNet_exclusiveMode_stillAnswersInUse() throws IOException {
        try (Pop3Server exclusive = Pop3Server.builder()
                .user("alice", "secret")
                .maildropLock(LockMode.EXCLUSIVE)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .start()) {
            POP3Client first = new POP3Client();
            POP3Client second = new POP3Client();
            try {
                first.connect("127.0.0.1", exclusive.port());
                second.connect("127.0.0.1", exclusive.port());
                assertThat(first.login("alice", "secret")).isTrue();
                assertThat(second.login("alice", "secret")).isFalse();
                assertThat(second.getReplyString()).startsWith("-ERR [IN-USE]");
                assertThat(first.status()).isNotNull();
            } finally {
                disconnect(first);
                disconnect(second);
            }
        }
    }

    /** The reply to the taken-over client's next command (STAT), or closed. */
    private static String nextReply(POP3Client client) {
        try {
            return client.status() != null ? "+OK" : client.getReplyString().strip();
        } catch (IOException e) {
            return TakeoverTest.CLOSED;
        }
    }

    private Store connect() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.pop3.connectiontimeout", "5000");
        props.put("mail.pop3.timeout", "10000");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect("127.0.0.1", server.port(), "alice", "secret");
        return store;
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // an abandoned session's connection is gone: nothing to close
        }
    }

    private static void disconnect(POP3Client client) throws IOException {
        if (client.isConnected()) {
            client.disconnect();
        }
    }
}
