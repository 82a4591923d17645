package io.tanpopo.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.memory.MemoryStore;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java examples are real: the testing example is {@link MailClientTest}, and the
 * embedding example runs here, its lines in order with assertions between them. Whitespace does not
 * count: the formatter may indent and wrap the code otherwise than the README.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

    @Test
    void testingExample_isMailClientTest() throws IOException {
        String example = squeezed(readmeBlock("Pop3Extension"));

        assertThat(squeezed(source("MailClientTest.java"))).contains(example);
    }

    @Test
    void embeddingExample_isWhatEmbeddedServerServesRuns() throws IOException {
        List<String> example = readmeBlock("Pop3Server.builder()")
                .lines()
                .map(ReadmeExamplesTest::squeezed)
                .toList();

        assertThat(squeezed(source("ReadmeExamplesTest.java"))).containsSubsequence(example);
    }

    @Test
    void embeddedServerServes() throws Exception {
        MemoryStore store = new MemoryStore(LockMode.TAKEOVER);
        store.mailbox("alice").add("Subject: hi\r\n\r\nhello\r\n");
        try (Pop3Server server =
                Pop3Server.builder().user("alice", "secret").store(store).start()) {
            Store client = Session.getInstance(new Properties()).getStore("pop3");
            client.connect("127.0.0.1", server.port(), "alice", "secret");
            // … clients fetch from 127.0.0.1:server.port()
            Folder inbox = client.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("hi");
            inbox.close(false);
            client.close();
        }
    }

    /** The README's Java block that contains {@code marker}. */
    private static String readmeBlock(String marker) throws IOException {
        Matcher blocks = JAVA_BLOCK.matcher(Files.readString(ROOT.resolve("README.md")));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                found.add(blocks.group(1));
            }
        }
        assertThat(found).as("README blocks with " + marker).hasSize(1);
        return found.get(0);
    }

    private static String source(String file) throws IOException {
        return Files.readString(
                ROOT.resolve("testkit/src/test/java/io/tanpopo/testkit/readme").resolve(file));
    }

    private static String squeezed(String code) {
        return code.replaceAll("\\s+", "");
    }
}
