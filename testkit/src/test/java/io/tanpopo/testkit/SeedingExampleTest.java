package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testkit.junit.Pop3Extension;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Seeding mailboxes: order and UIDLs under the test's control; users come and go at run time. */
class SeedingExampleTest {

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void messagesFromStringsBytesAndEmlFiles_keepTheirOrderAndChosenUids(@TempDir Path dir) throws Exception {
        Path eml = Files.writeString(dir.resolve("invoice.eml"), "Subject: eml\n\nfrom a file, bare LF\n");
        Pop3User alice = pop3.user("alice");
        alice.deliver("uid-first", "Subject: string\r\n\r\n.leading dot\r\n");
        alice.deliver("Subject: bytes\r\n\r\nraw\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.deliver(eml);

        List<String[]> seen = fetchSubjectsAndUids("alice", "secret");

        assertThat(seen).extracting(s -> s[0]).containsExactly("string", "bytes", "eml");
        assertThat(seen.get(0)[1]).isEqualTo("uid-first");
        assertThat(seen).extracting(s -> s[1]).containsExactlyElementsOf(alice.uids());
    }

    @Test
    void wholeFolder_isDeliveredSortedByFileName_optionallyWithFileNamesAsUids(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("02-second.eml"), "Subject: second\r\n\r\n2\r\n");
        Files.writeString(dir.resolve("01-first.eml"), "Subject: first\r\n\r\n1\r\n");
        Files.writeString(dir.resolve(".hidden"), "ignored");

        pop3.user("alice").deliverFolderNamedUids(dir);

        List<String[]> seen = fetchSubjectsAndUids("alice", "secret");
        assertThat(seen).extracting(s -> s[0]).containsExactly("first", "second");
        assertThat(seen).extracting(s -> s[1]).containsExactly("01-first", "02-second");
    }

    @Test
    void usersAddedAndRemovedWhileTheServerRuns() throws Exception {
        pop3.kit().addUser("carol", "pw").deliver("Subject: welcome\r\n\r\nhi\r\n");
        assertThat(fetchSubjectsAndUids("carol", "pw")).hasSize(1);

        pop3.kit().removeUser("carol");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fetchSubjectsAndUids("carol", "pw"))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
    }

    private static List<String[]> fetchSubjectsAndUids(String user, String password) throws Exception {
        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect(user, password);
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        List<String[]> seen = new ArrayList<>();
        for (Message message : inbox.getMessages()) {
            seen.add(new String[] {message.getSubject(), inbox.getUID(message)});
        }
        inbox.close(false);
        store.close();
        return seen;
    }
}
