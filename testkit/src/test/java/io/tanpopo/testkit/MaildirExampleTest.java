package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testkit.junit.Pop3Extension;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail in a real temporary maildir: the client's deletions unlink files, or do not. */
class MaildirExampleTest {

    private static final String DOTS = "Subject: dots\r\n\r\n.leading dot\r\nbare LF\nlast\r\n";

    @RegisterExtension
    static Pop3Extension pop3 =
            Pop3Extension.builder().user("alice", "secret").maildir().build();

    @Test
    void deliveredMessage_isAFileInNew_andItsBaseNameIsTheUidl() throws Exception {
        Pop3User alice = pop3.user("alice");
        String uid = alice.deliver(DOTS);

        assertThat(uid).matches("[0-9]+\\.M[0-9]+P[0-9]+Q[0-9]+\\.localhost");
        assertThat(alice.maildir().orElseThrow().resolve("new").resolve(uid)).hasContent(DOTS);
        assertThat(files(alice, "tmp")).isEmpty();

        Store store = connect();
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message message = inbox.getMessage(1);
        assertThat(inbox.getUID(message)).isEqualTo(uid);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        message.writeTo(content);
        assertThat(content.toString(StandardCharsets.US_ASCII)).contains("\r\n.leading dot\r\nbare LF\r\n");
        inbox.close(false);
        store.close();
    }

    @Test
    void retrievedDeletedAndQuit_removesTheFile() throws Exception {
        Pop3User alice = pop3.user("alice");
        String uid = alice.deliver(DOTS);

        Store store = connect();
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(1).getContent();
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();

        pop3.await().committed("alice", java.time.Duration.ofSeconds(5));
        assertThat(alice.count()).isZero();
        assertThat(files(alice, "new")).isEmpty();
        assertThat(files(alice, "cur")).noneMatch(name -> name.startsWith(uid));
        pop3.transcripts()
                .forUser("alice")
                .only()
                .assertThat()
                .retrieved(1)
                .deleted(1)
                .endedWithQuit();
    }

    @Test
    void closedWithoutExpunge_keepsTheFile_movedToCur() throws Exception {
        Pop3User alice = pop3.user("alice");
        String uid = alice.deliver(DOTS);

        Store store = connect();
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(1).getContent();
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.close(false);
        store.close();

        pop3.await().closed("alice", java.time.Duration.ofSeconds(5));
        assertThat(alice.uids()).containsExactly(uid);
        assertThat(alice.content(uid)).isEqualTo(DOTS);
        // qmail-pop3d's UPDATE: what stays moves from new/ to cur/ with an empty :2, info.
        assertThat(files(alice, "cur")).containsExactly(uid + ":2,");
    }

    @Test
    void heldLock_isTheMaildirLock_soTheClientMeetsInUse() throws Exception {
        try (MaildropHold hold = pop3.faults().holdLock("alice")) {
            assertThat(pop3.user("alice").isLocked()).isTrue();
            assertThatThrownBy(MaildirExampleTest::connect)
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("[IN-USE]");
        }
        assertThat(pop3.user("alice").isLocked()).isFalse();
        connect().close();
    }

    @Test
    void temporaryMaildir_isDeletedWhenTheKitCloses() {
        Path root;
        try (Pop3Testkit kit = Pop3Testkit.builder().user("bob", "pw").maildir().start()) {
            kit.user("bob").deliver("Subject: x\r\n\r\nx\r\n");
            root = kit.maildirRoot().orElseThrow();
            assertThat(root.resolve("bob/Maildir/new")).isDirectory();
        }
        assertThat(root).doesNotExist();
    }

    private static Store connect() throws Exception {
        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        return store;
    }

    private static List<String> files(Pop3User user, String sub) throws IOException {
        try (Stream<Path> files = Files.list(user.maildir().orElseThrow().resolve(sub))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
