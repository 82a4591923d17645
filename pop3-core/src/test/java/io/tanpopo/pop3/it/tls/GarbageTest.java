package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.testing.MemoryBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wrong protocol on either port ends that connection cleanly; the server stays up. */
class GarbageTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private SSLContext trust;

    @BeforeEach
    void start() {
        server = mail.builder().implicitTlsPort(0).start();
        mail.mailbox("alice").add(TlsIt.DOTS);
        trust = server.tlsTrust().orElseThrow().clientSslContext();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tlsClientHelloOnThePlainPort_handshakeFails_serverStaysUp() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (Socket tcp = new Socket()) {
                tcp.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                tcp.setSoTimeout(10_000);
                SSLSocket tls =
                        (SSLSocket) trust.getSocketFactory().createSocket(tcp, "127.0.0.1", server.port(), true);
                assertThatThrownBy(tls::startHandshake).isInstanceOf(IOException.class);
            }
        }
        assertNormalSessionsWork();
    }

    @Test
    void clientHelloBytesOnThePlainPort_thenPlainCommands_areBadCommandsNotACrash() {
        try (LineClient client = LineClient.connect(server.port())) {
            assertThat(client.readLine()).startsWith("+OK");
            // The start of a TLS record (handshake, TLS 1.0 record version) then a line end.
            client.sendRaw("\u0016\u0003\u0001\u0000\u00c8\u0001\r\n");
            assertThat(client.readLine()).startsWith("-ERR");
            assertThat(client.send("NOOP")).isNotNull();
            assertThat(client.send("QUIT")).startsWith("+OK");
        }
        assertNormalSessionsWork();
    }

    @Test
    void plainTextOnTheTlsPort_connectionIsClosed_serverStaysUp() {
        for (int i = 0; i < 3; i++) {
            try (LineClient client = LineClient.connect(server.tlsPort().getAsInt())) {
                client.sendRaw("USER x\r\n");
                LineClient.Ending ending = client.awaitClosed();
                assertThat(new String(ending.rest(), StandardCharsets.ISO_8859_1))
                        .as("no POP3 reply in clear on the TLS port")
                        .doesNotContain("+OK", "-ERR");
            }
        }
        assertNormalSessionsWork();
    }

    private void assertNormalSessionsWork() {
        try (LineClient plain = LineClient.connect(server.port())) {
            assertThat(plain.readLine()).startsWith("+OK");
            assertThat(plain.send("STLS")).startsWith("+OK");
            plain.startTls(trust);
            assertThat(plain.send("USER alice")).startsWith("+OK");
            assertThat(plain.send("PASS secret")).startsWith("+OK");
            assertThat(plain.send("STAT")).isEqualTo("+OK 1 " + TlsIt.DOTS_CRLF.length);
            assertThat(plain.send("QUIT")).startsWith("+OK");
        }
        TlsIt.await(
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(5),
                "alice's maildrop unlocked",
                () -> mail.mailbox("alice").isLocked() ? null : Boolean.TRUE);
        try (LineClient implicit = LineClient.connectTls(server.tlsPort().getAsInt(), trust)) {
            assertThat(implicit.readLine()).startsWith("+OK");
            assertThat(implicit.send("USER alice")).startsWith("+OK");
            assertThat(implicit.send("PASS secret")).startsWith("+OK");
            assertThat(implicit.send("QUIT")).startsWith("+OK");
        }
    }
}
