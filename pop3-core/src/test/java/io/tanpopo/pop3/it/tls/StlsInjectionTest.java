package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.testing.MemoryBackend;
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
        try (LineClient fresh = LineClient.connect(server.port())) {
            fresh.readLine();
            freshNoopReply = fresh.send("NOOP");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void stlsWithCapaInTheSameSegment_capaIsDiscarded_firstReplyInsideTlsIsNoops() {
        try (LineClient client = LineClient.connect(server.port())) {
            assertThat(client.readLine()).startsWith("+OK");
            client.sendRaw("STLS\r\nCAPA\r\n");
            assertThat(client.readLine()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.send("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.send("STAT")).startsWith("-ERR");
            assertThat(client.send("QUIT")).startsWith("+OK");
            assertThat(client.awaitClosed().rest()).isEmpty();
        }
    }

    @Test
    void stlsWithUserPassInTheSameSegment_loginIsDiscarded_sessionStaysInAuthorization() {
        try (LineClient client = LineClient.connect(server.port())) {
            assertThat(client.readLine()).startsWith("+OK");
            client.sendRaw("STLS\r\nUSER alice\r\nPASS secret\r\n");
            assertThat(client.readLine()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.send("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.send("STAT")).as("not logged in").startsWith("-ERR");
            assertThat(client.send("PASS secret")).as("no USER was kept").startsWith("-ERR");
            assertThat(client.send("USER alice")).startsWith("+OK");
            assertThat(client.send("PASS secret")).startsWith("+OK");
            assertThat(client.send("STAT")).isEqualTo("+OK 1 " + TlsIt.DOTS_CRLF.length);
            assertThat(client.send("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void stlsWithPartialLineInTheSameSegment_partialLineIsDiscarded() {
        try (LineClient client = LineClient.connect(server.port())) {
            assertThat(client.readLine()).startsWith("+OK");
            client.sendRaw("STLS\r\nUSER ali");
            assertThat(client.readLine()).startsWith("+OK");
            client.startTls(trust);

            assertThat(client.send("NOOP")).as("the first reply inside TLS").isEqualTo(freshNoopReply);
            assertThat(client.send("STAT")).startsWith("-ERR");
        }
    }
}
