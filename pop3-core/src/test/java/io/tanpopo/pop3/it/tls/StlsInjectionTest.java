package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * STARTTLS command injection (the class of CVE-2011-0411): commands pipelined in clear after STLS, in
 * the same TCP segment, must be discarded, never executed once TLS is up.
 */
class StlsInjectionTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private SSLContext trust;
    private String freshNoopReply;

    @BeforeEach
    void start() {
        server = mail.builder().failedLoginDelay(Duration.ZERO, Duration.ZERO).start();
        mail.mailbox("alice").add(TlsIt.DOTS);
        trust = server.tlsTrust().orElseThrow().clientSslContext();
        try (Pop3Wire fresh = Pop3Wire.open(server.port())) {
            fresh.line();
            freshNoopReply = fresh.command("NOOP");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stlsWithCapaInTheSameSegment_capaIsDiscarded_firstReplyInsideTlsIsNoops() {
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send("STLS\r\nCAPA\r\n");
            assertThat(client.line()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.command("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.command("STAT")).startsWith("-ERR");
            assertThat(client.command("QUIT")).startsWith("+OK");
            assertThat(client.awaitClosed().rest()).isEmpty();
        }
    }

    @Test
    void stlsWithUserPassInTheSameSegment_loginIsDiscarded_sessionStaysInAuthorization() {
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send("STLS\r\nUSER alice\r\nPASS secret\r\n");
            assertThat(client.line()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.command("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.command("STAT")).as("not logged in").startsWith("-ERR");
            assertThat(client.command("PASS secret")).as("no USER was kept").startsWith("-ERR");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS secret")).startsWith("+OK");
            assertThat(client.command("STAT")).isEqualTo("+OK 1 " + TlsIt.DOTS_CRLF.length);
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void stlsWithPartialLineInTheSameSegment_partialLineIsDiscarded() {
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            client.send("STLS\r\nUSER ali");
            assertThat(client.line()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.command("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.command("STAT")).startsWith("-ERR");
        }
    }
}
