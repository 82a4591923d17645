package io.tanpopo.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.testing.Pop3Dialogue;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void loginAndRetrieve() {
        try (Pop3Server server = Pop3Server.builder().user("alice", "secret").start();
                Pop3Dialogue pop = Pop3Dialogue.connect(server.port())) {
            server.mailbox("alice").add("Subject: hi\r\n\r\nhello\r\n.dot\n");
            assertThat(pop.greeting()).startsWith("+OK").contains("<");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
            assertThat(pop.send("STAT")).isEqualTo("+OK 1 28");
            assertThat(pop.send("RETR 1")).startsWith("+OK");
            assertThat(pop.readBody()).containsExactly("Subject: hi", "", "hello", ".dot");
            assertThat(pop.send("QUIT")).startsWith("+OK");
        }
    }
}
