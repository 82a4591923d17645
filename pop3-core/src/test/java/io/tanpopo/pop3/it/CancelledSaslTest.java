package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * SCRAM must not burn CPU for free: over a real socket, a client that starts SCRAM
 * exchanges and cancels each after server-first is throttled like one guessing passwords, the
 * delay doubling per cancel from its address. Only lower bounds on time are asserted: a slow
 * machine cannot make them fail, and on the old code each cancel was answered at once.
 */
class CancelledSaslTest {

    @Test
    void cancelledScramExchanges_waitTheDoublingFailedLoginDelay() {
        Duration base = Duration.ofMillis(100);
        try (Pop3Server server = Pop3Server.builder()
                        .port(0)
                        .user("alice", "secret")
                        .failedLoginDelay(base, Duration.ofSeconds(5))
                        .start();
                Pop3Wire pop = Pop3Wire.connect(server.port())) {
            String clientFirst =
                    Base64.getEncoder().encodeToString("n,,n=alice,r=abcdefgh".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                assertThat(pop.command("AUTH SCRAM-SHA-256 " + clientFirst)).startsWith("+ ");
                long start = System.nanoTime();
                assertThat(pop.command("*")).isEqualTo("-ERR Authentication cancelled");
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(elapsed).as("cancel %d", i + 1).isGreaterThanOrEqualTo(base.multipliedBy(1L << i));
            }
            assertThat(pop.command("NOOP"))
                    .as("the connection stays usable")
                    .isEqualTo("-ERR Command not valid in this state");
            assertThat(pop.login("alice", "secret")).startsWith("+OK");
        }
    }
}
