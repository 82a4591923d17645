package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Angus Mail's POP3 provider (the Jakarta Mail client most Java code uses) against a real server. */
class AngusMailClientTest {

    private final Transcript transcript = new Transcript();
    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private List<String> uids;

    @BeforeEach
    void start() {
        server = mail.builder()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .listener(transcript)
                .start();
        uids = SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mimeStream_everySeedMessage_equalsCrlfFormAndListSize() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            int[] listSizes = inbox.getSizes();
            for (int i = 0; i < 3; i++) {
                byte[] received = readAll(((POP3Message) inbox.getMessage(i + 1)).getMimeStream());
                assertThat(received).as("message %d", i + 1).isEqualTo(SeedMessages.crlf(SeedMessages.ALL.get(i)));
                assertThat(listSizes[i]).as("LIST size of message %d", i + 1).isEqualTo(received.length);
            }
            inbox.close(false);
        }
    }

    @Test
    void writeTo_everySeedMessage_equalsCrlfForm_andGetSizeCountsTheBodyOctets() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            for (int i = 0; i < 3; i++) {
                Message message = inbox.getMessage(i + 1);
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                message.writeTo(written);
                byte[] stored = SeedMessages.ALL.get(i);
                assertThat(written.toByteArray()).as("message %d", i + 1).isEqualTo(SeedMessages.crlf(stored));
                // Jakarta Mail's getSize() is the size of the content, i.e. LIST size minus the header.
                assertThat(message.getSize())
                        .as("size of message %d", i + 1)
                        .isEqualTo(SeedMessages.body(stored).length);
                assertThat(readAll(((POP3Message) message).getRawInputStream())).isEqualTo(SeedMessages.body(stored));
            }
            inbox.close(false);
        }
    }

    @Test
    void getInputStream_eightBitMessage_deliversTheRawOctets() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            byte[] content = readAll(inbox.getMessage(3).getInputStream());
            assertThat(content).isEqualTo(SeedMessages.body(SeedMessages.EIGHT_BIT));
            inbox.close(false);
        }
    }

    @Test
    void getUID_everyMessage_matchesTheUidTheStoreAssigned() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            List<String> seen = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                seen.add(inbox.getUID(message));
            }
            assertThat(seen).isEqualTo(uids);
            inbox.close(false);
        }
    }

    @Test
    void deletedFlag_closeWithExpunge_removesTheMessageForTheNextSession() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
        assertThat(transcript.keywords()).contains("DELE");
        awaitUnlocked();
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(List.of(inbox.getUID(inbox.getMessage(1)), inbox.getUID(inbox.getMessage(2))))
                    .containsExactly(uids.get(0), uids.get(2));
            inbox.close(false);
        }
    }

    @Test
    void deletedFlag_closeWithoutExpunge_keepsTheMessage() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
            inbox.close(false);
        }
        awaitUnlocked();
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            inbox.close(false);
        }
    }

    @Test
    void deletedFlag_rsetBeforeQuit_keepsTheMessage() throws Exception {
        Properties rset = new Properties();
        rset.put("mail.pop3.rsetbeforequit", "true");
        try (Store store = connect(rset)) {
            POP3Folder inbox = open(store);
            inbox.getMessage(1).getSubject();
            inbox.close(false);
        }
        assertThat(transcript.keywords()).contains("RSET").doesNotContain("DELE");
        awaitUnlocked();
        assertThat(mail.mailbox("alice").size()).isEqualTo(3);
    }

    @Test
    void disableTop_headersComeFromRetr_andContentStillMatches() throws Exception {
        Properties noTop = new Properties();
        noTop.put("mail.pop3.disabletop", "true");
        try (Store store = connect(noTop)) {
            POP3Folder inbox = open(store);
            for (int i = 0; i < 3; i++) {
                Message message = inbox.getMessage(i + 1);
                assertThat(message.getHeader("From")).isNotNull();
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                message.writeTo(written);
                assertThat(written.toByteArray()).isEqualTo(SeedMessages.crlf(SeedMessages.ALL.get(i)));
            }
            inbox.close(false);
        }
        assertThat(transcript.keywords()).contains("RETR").doesNotContain("TOP");
    }

    @Test
    void top_viaAngus_returnsTheHeaderOnly_andHeadersLoadWithTop() throws Exception {
        try (Store store = connect(new Properties())) {
            POP3Folder inbox = open(store);
            for (int i = 0; i < 3; i++) {
                POP3Message message = (POP3Message) inbox.getMessage(i + 1);
                byte[] stored = SeedMessages.ALL.get(i);
                assertThat(readAll(message.top(0))).as("TOP %d 0", i + 1).isEqualTo(SeedMessages.header(stored));
                assertThat(readAll(message.top(1))).as("TOP %d 1", i + 1).isEqualTo(SeedMessages.top(stored, 1));
            }
            assertThat(inbox.getMessage(2).getSubject()).isEqualTo("bare LF");
            inbox.close(false);
        }
        assertThat(transcript.keywords()).contains("TOP").doesNotContain("RETR");
    }

    private Store connect(Properties extra) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.pop3.connectiontimeout", "5000");
        props.put("mail.pop3.timeout", "10000");
        props.putAll(extra);
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect("127.0.0.1", server.port(), "alice", "secret");
        return store;
    }

    private static POP3Folder open(Store store) throws MessagingException {
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        return inbox;
    }

    /** The maildrop lock is released just after the QUIT reply; a client may reconnect faster. */
    private void awaitUnlocked() {
        Await.value(
                Duration.ofSeconds(5),
                "alice's maildrop to be unlocked",
                () -> mail.mailbox("alice").isLocked() ? null : Boolean.TRUE);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
