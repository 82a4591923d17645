package io.tanpopo.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testkit.Pop3User;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An instance field: every test gets a fresh server on its own free port. */
class PerTestServerExampleTest {

    @RegisterExtension
    Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void firstTest_hasItsOwnServer(Pop3User alice, Properties mail) throws Exception {
        alice.deliver("Subject: a\r\n\r\na\r\n");
        alice.deliver("Subject: b\r\n\r\nb\r\n");
        assertThat(count(mail)).isEqualTo(2);
    }

    @Test
    void secondTest_startsEmpty(Pop3User alice, Properties mail) throws Exception {
        assertThat(count(mail)).isZero();
        assertThat(pop3.transcripts().size()).isEqualTo(1);
    }

    private static int count(Properties mail) throws Exception {
        Store store = Session.getInstance(mail).getStore("pop3");
        store.connect("alice", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        int count = inbox.getMessageCount();
        inbox.close(false);
        store.close();
        return count;
    }
}
