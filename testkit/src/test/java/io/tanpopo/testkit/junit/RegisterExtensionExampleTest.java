package io.tanpopo.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server for the whole class (a static field), reset before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterExtensionExampleTest {

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    @Order(1)
    void client_readsTheDeliveredMessage() throws Exception {
        pop3.user("alice").deliver("Subject: hi\r\n\r\nhello\r\n");

        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message[] messages = inbox.getMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getSubject()).isEqualTo("hi");
        inbox.close(false);
        store.close();

        pop3.transcripts().forUser("alice").only().assertThat().endedWithQuit();
    }

    @Test
    @Order(2)
    void reset_emptiesMailboxesAndTranscripts_withoutRestartingTheServer() throws Exception {
        assertThat(pop3.user("alice").count()).isZero();
        assertThat(pop3.transcripts().isEmpty()).isTrue();
        pop3.kit().addUser("bob", "pw");
        assertThat(pop3.kit().user("bob").password()).isEqualTo("pw");
    }

    @Test
    @Order(3)
    void reset_removesUsersAddedAtRunTime() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pop3.user("bob"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no user 'bob'");
    }
}
