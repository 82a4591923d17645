package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that never finishes its TLS handshake is closed after the configured bound. */
class HandshakeBoundTest {

    private static final Duration BOUND = Duration.ofMillis(500);
    /** The bound plus room for a loaded 2-core machine; far below the 30 s default. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(5);

    private Pop3Server server;

    @BeforeEach
    void start() {
        server = Pop3Server.builder()
                .user("alice", "secret")
                .tls(new TlsConfig(new TlsConfig.Generated("localhost"), BOUND))
                .implicitTlsPort(0)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stls_clientNeverHandshakes_serverClosesAfterTheBound() {
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            assertThat(client.command("STLS")).startsWith("+OK");
            client.timeout(CLOSED_WITHIN);
            long started = System.nanoTime();
            Pop3Wire.Ending ending = client.awaitClosed();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(CLOSED_WITHIN);
            assertThat(new String(ending.rest(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("nothing in clear after the STLS reply")
                    .doesNotContain("+OK", "-ERR");
        }
        assertThat(normalSessionWorks()).isTrue();
    }

    @Test
    void implicitTls_clientSendsNothing_serverClosesAfterTheBound() {
        try (Pop3Wire client = Pop3Wire.open(server.tlsPort().getAsInt())) {
            client.timeout(CLOSED_WITHIN);
            long started = System.nanoTime();
            Pop3Wire.Ending ending = client.awaitClosed();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(CLOSED_WITHIN);
            assertThat(new String(ending.rest(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("the greeting never leaves in clear")
                    .doesNotContain("+OK");
        }
        assertThat(normalSessionWorks()).isTrue();
    }

    @Test
    void implicitTls_handshakeWithinTheBound_sessionOutlivesIt() {
        try (Pop3Wire client = Pop3Wire.open(server.tlsPort().getAsInt())
                .startTls(server.tlsTrust().orElseThrow().clientSslContext())) {
            assertThat(client.line()).startsWith("+OK");
            // Outlive the bound with a bounded wait on the server's side of the connection.
            TlsIt.await(
                    Duration.ofSeconds(5),
                    Duration.ofMillis(50),
                    "the handshake bound to pass",
                    timePassed(BOUND.multipliedBy(2)));
            assertThat(client.command("NOOP")).isNotNull();
            assertThat(client.command("USER alice")).startsWith("+OK");
        }
    }

    @Test
    void implicitTls_idleClient_getsTheAutologoutReplyInsideTls_thenCloseNotify() {
        try (Pop3Server idle = Pop3Server.builder()
                        .user("alice", "secret")
                        .idleTimeout(Duration.ofSeconds(1))
                        .implicitTlsPort(0)
                        .start();
                Pop3Wire client = Pop3Wire.open(idle.tlsPort().getAsInt())
                        .startTls(idle.tlsTrust().orElseThrow().clientSslContext())) {
            assertThat(client.line()).startsWith("+OK");
            client.timeout(CLOSED_WITHIN);
            assertThat(client.line()).isEqualTo("-ERR Disconnected for inactivity");
            Pop3Wire.Ending ending = client.awaitClosed();
            assertThat(ending.rest()).isEmpty();
            assertThat(ending.abortive())
                    .as("ended with close_notify, not a truncated TLS stream")
                    .isFalse();
        }
    }

    private static java.util.function.Supplier<Boolean> timePassed(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        return () -> System.nanoTime() - until >= 0 ? Boolean.TRUE : null;
    }

    private boolean normalSessionWorks() {
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            return client.line().startsWith("+OK")
                    && client.command("USER alice").startsWith("+OK")
                    && client.command("PASS secret").startsWith("+OK")
                    && client.command("QUIT").startsWith("+OK");
        }
    }
}
