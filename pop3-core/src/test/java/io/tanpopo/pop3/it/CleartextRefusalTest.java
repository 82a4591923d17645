package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.resolver.strategy.Cidr;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first contact of an operator's LAN client (10.0.0.100, through a trusted PROXY header, so
 * that a test on loopback can be that client) with the default {@code auth.cleartext=loopback}:
 * USER/PASS without TLS is refused by policy, which reveals nothing about the credentials, so the
 * refusal comes at once and is not counted as a failed login. A real failed login still waits.
 */
class CleartextRefusalTest {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(2);

    @Test
    void plaintextRefusals_areAnsweredAtOnce_andDoNotCountAsFailedLogins() {
        try (Pop3Server server = Pop3Server.builder()
                        .user("alice", "secret")
                        .noTls()
                        .failedLoginDelay(FIRST_DELAY, Duration.ofMinutes(1))
                        .proxy(new ProxyPolicy(List.of(Cidr.parseAddressOrBlock("127.0.0.1")), Duration.ofSeconds(5)))
                        .start();
                Pop3Wire client = Pop3Wire.open(server.port())) {
            client.send("PROXY TCP4 10.0.0.100 10.0.0.1 50978 110\r\n");
            assertThat(client.line()).startsWith("+OK");
            for (int i = 0; i < 3; i++) {
                // Counted, these would wait 2 s, 4 s and 8 s.
                long started = System.nanoTime();
                assertThat(client.command("USER alice")).startsWith("-ERR [AUTH] Plaintext authentication disallowed");
                assertThat(client.command("PASS secret")).startsWith("-ERR [AUTH] Plaintext authentication disallowed");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FIRST_DELAY);
            }

            long started = System.nanoTime();
            assertThat(client.command("AUTH CRAM-MD5")).startsWith("+ ");
            String wrong = Base64.getEncoder()
                    .encodeToString("alice 00000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.command(wrong)).startsWith("-ERR [AUTH]");
            // The first failure of this client waits the first delay; after three counted
            // refusals it would be the fourth, 16 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(FIRST_DELAY)
                    .isLessThan(FIRST_DELAY.multipliedBy(4));
        }
    }
}
