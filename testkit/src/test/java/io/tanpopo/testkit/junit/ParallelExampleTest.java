package io.tanpopo.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testkit.Pop3Testkit;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Tests running at the same time, each with its own server on its own free port: no fixed ports,
 * nothing static, so nothing collides (GreenMail #517, #290). Parallelism is enabled for classes
 * marked CONCURRENT in src/test/resources/junit-platform.properties.
 */
@Execution(ExecutionMode.CONCURRENT)
class ParallelExampleTest {

    @RegisterExtension
    Pop3Extension pop3 = Pop3Extension.builder().user("alice", "secret").build();

    @RepeatedTest(6)
    void eachTestSeesOnlyItsOwnMail(Pop3Testkit kit) throws Exception {
        String marker = "port-" + kit.port();
        kit.user("alice").deliver("Subject: " + marker + "\r\n\r\nbody\r\n");

        Store store = Session.getInstance(kit.mailProperties()).getStore("pop3");
        store.connect("alice", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message[] messages = inbox.getMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getSubject()).isEqualTo(marker);
        inbox.close(false);
        store.close();

        assertThat(kit.transcripts().forUser("alice").only().endedWithQuit()).isTrue();
    }
}
