package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.testsupport.Pop3Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What CAPA offers before and after STLS, and what the cleartext policy refuses before TLS. */
class StlsCapabilityTest {

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void capa_afterStls_noLongerListsStls_andStlsAgainIsRefused() {
        server = start(Cleartext.LOOPBACK);
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            client.line();
            assertThat(capa(client)).contains("STLS");
            assertThat(client.command("STLS")).startsWith("+OK");
            client.startTls(trust());

            assertThat(capa(client)).doesNotContain("STLS").contains("USER");
            assertThat(client.command("STLS")).startsWith("-ERR");
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS secret")).startsWith("+OK");
            assertThat(capa(client)).doesNotContain("STLS");
        }
    }

    @Test
    void cleartextNever_loopbackBeforeTls_userAndPlainAreNeitherOfferedNorAccepted() {
        server = start(Cleartext.NEVER);
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            client.line();
            List<String> before = capa(client);
            assertThat(before).contains("STLS").doesNotContain("USER");
            assertThat(sasl(before)).doesNotContain("PLAIN", "LOGIN");

            assertThat(client.command("USER alice")).startsWith("-ERR [AUTH]");
            assertThat(client.command("PASS secret")).startsWith("-ERR [AUTH]");
            assertThat(client.command("AUTH PLAIN " + plain("alice", "secret"))).startsWith("-ERR");
            assertThat(client.command("STAT")).as("still not logged in").startsWith("-ERR");

            assertThat(client.command("STLS")).startsWith("+OK");
            client.startTls(trust());
            List<String> after = capa(client);
            assertThat(after).contains("USER").doesNotContain("STLS");
            assertThat(sasl(after)).contains("PLAIN");

            assertThat(client.command("AUTH PLAIN " + plain("alice", "secret"))).startsWith("+OK");
            assertThat(client.command("STAT")).isEqualTo("+OK 1 " + TlsIt.DOTS_CRLF.length);
        }
    }

    @Test
    void cleartextNever_userPassInsideTls_logsIn() {
        server = start(Cleartext.NEVER);
        try (Pop3Wire client = Pop3Wire.open(server.port())) {
            client.line();
            assertThat(client.command("STLS")).startsWith("+OK");
            client.startTls(trust());
            assertThat(client.command("USER alice")).startsWith("+OK");
            assertThat(client.command("PASS secret")).startsWith("+OK");
            assertThat(client.command("RETR 1")).startsWith("+OK");
            assertThat(String.join("\r\n", client.rawBody()) + "\r\n")
                    .isEqualTo(
                            "From: bob@example.org\r\nSubject: dots over TLS\r\n\r\n"
                                    + "...two leading dots\r\n..\r\n..one leading dot\r\nbare LF line\r\nlast line without newline\r\n");
        }
    }

    private Pop3Server start(Cleartext policy) {
        Pop3Server started = mail.builder()
                .cleartext(policy)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .start();
        mail.mailbox("alice").add(TlsIt.DOTS);
        return started;
    }

    private SSLContext trust() {
        return server.tlsTrust().orElseThrow().clientSslContext();
    }

    private static List<String> capa(Pop3Wire client) {
        assertThat(client.command("CAPA")).startsWith("+OK");
        return client.rawBody();
    }

    /** The mechanisms of the SASL capability line, or none. */
    private static List<String> sasl(List<String> capabilities) {
        return capabilities.stream()
                .filter(l -> l.startsWith("SASL "))
                .findFirst()
                .map(l -> List.of(l.substring(5).split(" ")))
                .orElse(List.of());
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
