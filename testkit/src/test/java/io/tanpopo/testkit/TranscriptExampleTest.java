package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testkit.junit.Pop3Extension;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every session is recorded, and what the client did can be asserted afterwards. */
class TranscriptExampleTest {

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void message2_wasRetrievedAndDeleted_andTheSessionEndedWithQuit() throws Exception {
        Pop3User alice = pop3.user("alice");
        alice.deliver("Subject: one\r\n\r\n1\r\n");
        alice.deliver("Subject: two\r\n\r\n2\r\n");

        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message second = inbox.getMessage(2);
        assertThat(second.getContent().toString()).isEqualTo("2\r\n");
        second.setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();

        Transcript session = pop3.transcripts().forUser("alice").last();
        session.assertThat()
                .loggedInAs("alice")
                .issued("CAPA")
                .retrieved(2)
                .deleted(2)
                .endedWithQuit();
        assertThat(session.retrieved()).containsExactly(2);
        assertThat(session.committed()).isTrue();
        assertThat(alice.count()).isEqualTo(1);
    }

    @Test
    void passwordsNeverAppearInTranscripts() throws Exception {
        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        store.close();

        Transcript session = pop3.transcripts().only();
        assertThat(session.toString()).contains("PASS ***").doesNotContain("secret");
        assertThat(session.exchanges()).extracting(Exchange::keyword).contains("USER", "PASS");
    }

    @Test
    void aFailedAssertion_showsTheWholeDialogue() throws Exception {
        Store store = Session.getInstance(pop3.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        store.close();

        assertThatThrownBy(() -> pop3.transcripts().only().assertThat().retrieved(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected message 1 to be retrieved")
                .hasMessageContaining("C: PASS ***")
                .hasMessageContaining("S: +OK Logged in");
        assertThatThrownBy(() -> pop3.transcripts().forUser("bob").last())
                .hasMessageContaining("Expected sessions of bob, but there were none");
    }
}
