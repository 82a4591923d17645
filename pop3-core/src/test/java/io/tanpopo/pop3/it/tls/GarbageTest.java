package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Pop3Wire;
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
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            assertThat(client.line()).startsWith("+OK");
            // The start of a TLS record (handshake, TLS 1.0 record version) then a line end.
            client.send("\u0016\u0003\u0001\u0000\u00c8\u0001\r\n");
            assertThat(client.line()).startsWith("-ERR");
            assertThat(client.command("NOOP")).isNotNull();
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        assertNormalSessionsWork();
    }

    @Test
    void plainTextOnTheTlsPort_connectionIsClosed_serverStaysUp() {
        for (int i = 0; i < 3; i++) {
            try (Pop3Wire client = Pop3Wire.open(server.tlsPort().getAsInt())) {
                client.send("USER x\r\n");
                Pop3Wire.Ending ending = client.awaitClosed();
                assertThat(new String(ending.rest(), StandardCharsets.ISO_8859_1))
                        .as("no POP3 reply in clear on the TLS port")
                        .doesNotContain("+OK", "-ERR");
            }
        }
        assertNormalSessionsWork();
    }

    private void assertNormalSessionsWork() {
        try (Pop3Wire plain = Pop3Wire.open(server.port())) {
            assertThat(plain.line()).startsWith("+OK");
            assertThat(plain.command("STLS")).startsWith("+OK");
            plain.startTls(trust);
            assertThat(plain.command("USER alice")).startsWith("+OK");
            assertThat(plain.command("PASS secret")).startsWith("+OK");
            assertThat(plain.command("STAT")).isEqualTo("+OK 1 " + TlsIt.DOTS_CRLF.length);
            assertThat(plain.command("QUIT")).startsWith("+OK");
        }
        TlsIt.await(
                java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(5),
                "alice's maildrop unlocked",
                () -> mail.mailbox("alice").isLocked() ? null : Boolean.TRUE);
        try (Pop3Wire implicit = Pop3Wire.open(server.tlsPort().getAsInt()).startTls(trust)) {
            assertThat(implicit.line()).startsWith("+OK");
            assertThat(implicit.command("USER alice")).startsWith("+OK");
            assertThat(implicit.command("PASS secret")).startsWith("+OK");
            assertThat(implicit.command("QUIT")).startsWith("+OK");
        }
    }
}
