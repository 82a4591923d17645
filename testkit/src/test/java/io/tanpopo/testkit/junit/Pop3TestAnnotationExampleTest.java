package io.tanpopo.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testkit.Pop3Testkit;
import io.tanpopo.testkit.Pop3User;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation form, with everything injected; a {@code @Nested} class sees the outer server. */
@Pop3Test(
        users = {"alice:secret", "bob:hunter2"},
        profile = "dovecot")
class Pop3TestAnnotationExampleTest {

    @Test
    void injectsServerPortUsersAndMailProperties(
            Pop3Server server, @Pop3Port int port, @Pop3UserName("alice") Pop3User alice, Properties mail)
            throws Exception {
        assertThat(port).isEqualTo(server.port()).isPositive();
        assertThat(mail.getProperty("mail.pop3.host")).isEqualTo("127.0.0.1");
        assertThat(mail.getProperty("mail.pop3.port")).isEqualTo(Integer.toString(port));
        alice.deliver("Subject: one\r\n\r\n1\r\n");

        Store store = Session.getInstance(mail).getStore("pop3");
        store.connect(alice.name(), alice.password());
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        inbox.close(false);
        store.close();
    }

    @Nested
    class WhenNested {

        @Test
        void seesTheOuterServer(Pop3Testkit kit, @Pop3Port int port) {
            assertThat(kit.profile().name()).isEqualTo("dovecot");
            assertThat(kit.user("bob").password()).isEqualTo("hunter2");
            assertThat(kit.user("bob").count()).isZero();
            assertThat(port).isEqualTo(kit.port());
        }

        @Nested
        class EvenDeeper {

            @Test
            void stillTheSameServer(Pop3Testkit kit, @Pop3UserName("bob") Pop3User bob) {
                bob.deliver("Subject: deep\r\n\r\n.\r\n");
                assertThat(kit.user("bob").count()).isEqualTo(1);
            }
        }
    }
}
