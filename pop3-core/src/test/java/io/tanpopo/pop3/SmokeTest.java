package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Pop3Wire;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void loginAndRetrieve() {
        MemoryBackend mail = new MemoryBackend().user("alice", "secret");
        try (Pop3Server server = mail.builder().start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            mail.mailbox("alice").add("Subject: hi\r\n\r\nhello\r\n.dot\n");
            assertThat(pop.greeting()).startsWith("+OK").contains("<");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 28");
            assertThat(pop.command("RETR 1")).startsWith("+OK");
            assertThat(pop.body()).containsExactly("Subject: hi", "", "hello", ".dot");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }
}
