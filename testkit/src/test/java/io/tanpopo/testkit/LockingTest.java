package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Pop3Wire;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit locks maildrops as the server does by default (RFC 1939 §8, the takeover mode). */
class LockingTest {

    /** A test that leaves a session open locks no one out: the next login takes the maildrop over. */
    @Test
    void sessionLeftOpen_doesNotLockTheNextTestOut() {
        for (Pop3TestkitBuilder builder :
                List.of(Pop3Testkit.builder(), Pop3Testkit.builder().maildir())) {
            try (Pop3Testkit kit = builder.user("alice", "secret").start();
                    Pop3Wire first = Pop3Wire.connect(kit.port());
                    Pop3Wire second = Pop3Wire.connect(kit.port())) {
                kit.user("alice").deliver("Subject: hi\r\n\r\n.dot\r\n");
                assertThat(first.login("alice", "secret")).startsWith("+OK Logged in, 1 messages");
                assertThat(first.command("DELE 1")).startsWith("+OK");
                assertThat(second.login("alice", "secret")).startsWith("+OK Logged in, 1 messages");
                assertThat(second.command("QUIT")).startsWith("+OK");
                assertThat(kit.user("alice").count()).isEqualTo(1);
            }
        }
    }
}
