package io.tanpopo.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testkit.Pop3User;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Pop3Test(maildir = true)}: a temporary maildir per class, emptied before each test. */
@Pop3Test(users = "alice:secret", maildir = true)
class MaildirAnnotationExampleTest {

    @Test
    void chosenUidl_isTheFileName(Pop3User alice, Properties mail) throws Exception {
        alice.deliver("invoice-42", "Subject: invoice\r\n\r\n42\r\n");

        assertThat(alice.maildir().orElseThrow().resolve("new/invoice-42")).exists();
        assertThat(count(mail, alice)).isEqualTo(1);
    }

    @Test
    void eachTestStartsWithAnEmptyMaildir(Pop3User alice, Properties mail) throws Exception {
        assertThat(alice.count()).isZero();
        assertThat(count(mail, alice)).isZero();
    }

    @Test
    void aFolderOfEmlFiles_keepsItsOrder(Pop3User alice, @TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("02-b.eml"), "Subject: b\r\n\r\nb\r\n");
        java.nio.file.Files.writeString(dir.resolve("01-a.eml"), "Subject: a\r\n\r\na\r\n");

        assertThat(alice.deliverFolder(dir)).containsExactlyElementsOf(alice.uids());
        assertThat(alice.content(alice.uids().get(0))).contains("Subject: a");
    }

    private static int count(Properties mail, Pop3User user) throws Exception {
        Store store = Session.getInstance(mail).getStore();
        store.connect(user.name(), user.password());
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        int count = inbox.getMessageCount();
        inbox.close(false);
        store.close();
        return count;
    }
}
