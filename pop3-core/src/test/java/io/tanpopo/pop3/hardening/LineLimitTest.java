package io.tanpopo.pop3.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command-line limit is enforced as lines arrive (RFC 2449 §4: 255 octets, CRLF included),
 * and lifted only for the response to a SASL challenge (RFC 5034 §4), which may be longer.
 */
class LineLimitTest {

    /** A password long enough that the PLAIN response is far over 255 octets. */
    private static final String LONG_PASSWORD = "p".repeat(600);

    private Pop3Server server;

    @BeforeEach
    void start() {
        server = Pop3Server.builder()
                .user("alice", LONG_PASSWORD)
                .noTls()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void commandLineOfTheLimit_isServed_andOneOctetMore_isRefused_andTheSessionGoesOn() {
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            d.greeting();
            String longest = "USER " + "a".repeat(255 - "USER \r\n".length());
            assertThat(d.command(longest)).startsWith("+OK");
            assertThat(d.command(longest + "a")).isEqualTo("-ERR Line too long");
            assertThat(d.command("CAPA")).startsWith("+OK");
        }
    }

    @Test
    void saslResponseLongerThanACommandLine_isTakenAfterTheChallenge() {
        String response =
                Base64.getEncoder().encodeToString(("\0alice\0" + LONG_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(response.length()).isGreaterThan(800);
        try (Pop3Wire d = Pop3Wire.connect(server.port())) {
            d.greeting();
            assertThat(d.command("AUTH PLAIN " + response)).isEqualTo("-ERR Line too long");
            assertThat(d.command("AUTH PLAIN")).startsWith("+");
            assertThat(d.command(response)).startsWith("+OK");
            assertThat(d.command("STAT")).startsWith("+OK");
            // Back to commands: the limit of a command line applies again.
            assertThat(d.command("NOOP " + "x".repeat(300))).isEqualTo("-ERR Line too long");
        }
    }
}
