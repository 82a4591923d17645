package io.tanpopo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.tls.GeneratedTrust;
import io.tanpopo.testkit.junit.Pop3Extension;
import io.tanpopo.testkit.junit.Pop3Port;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A client under test over STLS and over implicit TLS, trusting only the server's per-run CA. */
class TlsExampleTest {

    @RegisterExtension
    static Pop3Extension pop3 =
            Pop3Extension.builder().user("alice", "secret").implicitTls().build();

    @Test
    void stls_upgradesBeforeLogin_andAsksForCapabilitiesAgain() throws Exception {
        pop3.user("alice").deliver("Subject: over STLS\r\n\r\n.dot\r\n");

        assertThat(subjectOfFirst(pop3.kit().stlsMailProperties())).isEqualTo("over STLS");

        pop3.transcripts()
                .forUser("alice")
                .only()
                .assertThat()
                .usedTls()
                .issuedAfter("CAPA", "STLS") // RFC 2595 §4: capabilities may change after STLS
                .loggedInAs("alice")
                .endedWithQuit();
    }

    @Test
    void pop3s_onTheImplicitTlsPort() throws Exception {
        pop3.user("alice").deliver("Subject: over POP3S\r\n\r\nbare LF\n");

        Properties pop3s = pop3.kit().pop3sMailProperties();
        assertThat(pop3s.getProperty("mail.store.protocol")).isEqualTo("pop3s");
        assertThat(subjectOfFirst(pop3s)).isEqualTo("over POP3S");

        pop3.transcripts()
                .forUser("alice")
                .only()
                .assertThat()
                .usedTls()
                .neverIssued("STLS")
                .endedWithQuit();
    }

    @Test
    void injectedTrust_forAnyTlsClient(
            GeneratedTrust trust, SSLContext context, @Pop3Port(implicitTls = true) int port, @TempDir Path dir)
            throws Exception {
        assertThat(trust.writeCaPem(dir.resolve("ca.pem"))).content().startsWith("-----BEGIN CERTIFICATE-----");

        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate names 127.0.0.1
            socket.setSSLParameters(parameters);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("+OK");
        }
    }

    private static String subjectOfFirst(Properties properties) throws Exception {
        try (Store store = Session.getInstance(properties).getStore()) {
            store.connect("alice", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            String subject = inbox.getMessage(1).getSubject();
            inbox.close(false);
            return subject;
        }
    }
}
