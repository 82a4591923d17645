package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.protocol.ResponseCode;
import io.tanpopo.testkit.junit.Pop3Extension;
import io.tanpopo.testsupport.Pop3Wire;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deterministic faults, per command, user and occurrence: how does the client cope? */
class FaultInjectionExampleTest {

    @RegisterExtension
    static Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @Test
    void errWithResponseCode_onTheFirstLoginOnly() throws Exception {
        pop3.faults().on("PASS").forUser("alice").occurrence(1).err(ResponseCode.SYS_TEMP, "Try again later");

        assertThatThrownBy(() -> connect(pop3.mailProperties()))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("[SYS/TEMP]");
        connect(pop3.mailProperties()).close();

        assertThat(pop3.faults().injected())
                .singleElement()
                .satisfies(f -> assertThat(f.command()).isEqualTo("PASS"));
    }

    @Test
    void delayedReply_makesTheClientTimeOut() throws Exception {
        pop3.user("alice").deliver("Subject: slow\r\n\r\nslow\r\n");
        pop3.faults().on("RETR").delay(Duration.ofSeconds(3));
        Properties impatient = pop3.mailProperties();
        impatient.setProperty("mail.pop3.timeout", "300");

        Store store = connect(impatient);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThatThrownBy(() -> inbox.getMessage(1).getContent())
                .isInstanceOfAny(MessagingException.class, IOException.class);
        pop3.await().closed("alice", Duration.ofSeconds(10)).assertThat().endedWithoutQuit();
    }

    @Test
    void delayedReply_arrivesLate_butIntact() {
        pop3.faults().on("NOOP").occurrence(1).delay(Duration.ofMillis(300));
        try (Pop3Wire pop = Pop3Wire.connect(pop3.port())) {
            pop.login("alice", "secret");
            long start = System.nanoTime();
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
    }

    @Test
    void connectionDroppedInTheMiddleOfARetrBody_nothingIsDeleted() throws Exception {
        pop3.user("alice").deliver("Subject: big\r\n\r\n" + "x".repeat(10_000) + "\r\n");
        pop3.faults().on("RETR").occurrence(1).dropMidBody(100);

        Store store = connect(pop3.mailProperties());
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertThatThrownBy(() -> inbox.getMessage(1).getContent())
                .isInstanceOfAny(MessagingException.class, IOException.class);

        Transcript session = pop3.await().closed("alice", Duration.ofSeconds(10));
        session.assertThat().endedWithoutQuit().replied("dropped mid-body");
        assertThat(pop3.user("alice").count()).isEqualTo(1);
    }

    @Test
    void connectionDroppedInsteadOfAReply() {
        pop3.faults().on("STAT").drop();
        try (Pop3Wire pop = Pop3Wire.connect(pop3.port())) {
            pop.login("alice", "secret");
            assertThat(pop.command("STAT")).isNull();
        }
        pop3.await().closed("alice", Duration.ofSeconds(10)).assertThat().replied("no reply: connection dropped");
    }

    @Test
    void wrongListSize_isWhatTheClientIsTold() throws Exception {
        pop3.user("alice").deliver("Subject: s\r\n\r\nsize\r\n");
        long real = pop3.user("alice").messages().get(0).size();
        pop3.faults().on("LIST").wrongListSize(1, 5);

        Store store = connect(pop3.mailProperties());
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(inbox.getSizes()).containsExactly((int) real + 5);
        inbox.close(false);
        store.close();
    }

    @Test
    void heldMaildropLock_givesInUse() throws Exception {
        try (MaildropHold hold = pop3.faults().holdLock("alice")) {
            assertThatThrownBy(() -> connect(pop3.mailProperties()))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("[IN-USE]");
        }
        connect(pop3.mailProperties()).close();
    }

    @Test
    void failedQuitCommit_keepsTheMessages() throws Exception {
        pop3.user("alice").deliver("Subject: keep\r\n\r\nkeep\r\n");
        pop3.faults().on("QUIT").failCommit();

        Store store = connect(pop3.mailProperties());
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        try {
            inbox.close(true);
        } catch (MessagingException expected) {
            // Angus may or may not report the failed QUIT; the server kept the message either way.
        }

        pop3.transcripts()
                .forUser("alice")
                .last()
                .assertThat()
                .deleted(1)
                .replied("-ERR [SYS/TEMP] Some deleted messages not removed");
        assertThat(pop3.user("alice").count()).isEqualTo(1);
    }

    private static Store connect(Properties properties) throws MessagingException {
        Store store = Session.getInstance(properties).getStore("pop3");
        store.connect("alice", "secret");
        return store;
    }
}
