package io.tanpopo.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testkit.junit.Pop3Extension;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's testing example, as written there ({@link ReadmeExamplesTest} keeps them equal). */
class MailClientTest {

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void readsTheDeliveredMessage() throws Exception {
        pop3.user("alice").deliver("Subject: hi\r\n\r\nhello\r\n");

        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getMessage(1).getSubject()).isEqualTo("hi");
        inbox.close(false);
        store.close();

        pop3.transcripts().forUser("alice").only().assertThat().endedWithQuit();
    }
}
