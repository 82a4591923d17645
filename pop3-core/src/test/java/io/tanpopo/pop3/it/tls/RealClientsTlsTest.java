package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.login.Cleartext;
import io.tanpopo.testsupport.RequiresProgram;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients over STLS and implicit TLS, each trusting only the per-run CA and retrieving a message
 * with lines starting with ".". The server refuses clear-text passwords ({@link Cleartext#NEVER}), so a
 * client that logged in really did so inside TLS.
 */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
@RequiresProgram(value = "curl", debianPackage = "curl")
@RequiresProgram(value = "python3", debianPackage = "python3")
class RealClientsTlsTest {

    @TempDir
    Path dir;

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private Path caPem;

    @BeforeEach
    void start() throws Exception {
        server = mail.builder()
                .cleartext(Cleartext.NEVER)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .implicitTlsPort(0)
                .start();
        mail.mailbox("alice").add(TlsIt.DOTS);
        caPem = server.tlsTrust().orElseThrow().writeCaPem(dir.resolve("ca.pem"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void curl_pop3s_retrievesTheMessage() {
        TlsIt.Result result = curl("pop3s://127.0.0.1:" + tlsPort() + "/1");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).isEqualTo(TlsIt.DOTS_CRLF);
    }

    @Test
    void curl_sslReqd_upgradesWithStls_andRetrievesTheMessage() {
        TlsIt.Result result = curl("pop3://127.0.0.1:" + server.port() + "/1", "--ssl-reqd");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.stdout()).isEqualTo(TlsIt.DOTS_CRLF);
    }

    @Test
    void curl_withoutTheCa_refusesTheServer() {
        TlsIt.Result result = TlsIt.run(
                dir,
                List.of(
                        "curl",
                        "-sS",
                        "--max-time",
                        "20",
                        "-u",
                        "alice:secret",
                        "pop3s://127.0.0.1:" + tlsPort() + "/1"));
        assertThat(result.exitCode())
                .as("60 = peer certificate cannot be authenticated")
                .isEqualTo(60);
    }

    @Test
    void pythonPoplib_pop3Ssl_and_stls_retrieveTheMessage() throws Exception {
        Path script = Files.writeString(dir.resolve("tls.py"), """
                import base64, poplib, ssl, sys
                cafile, plain_port, tls_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
                def out(key, value):
                    if isinstance(value, bytes):
                        value = base64.b64encode(value).decode()
                    print(f"{key}={value}", flush=True)
                def retrieve(p, key):
                    out(key + '.user', p.user('alice'))
                    out(key + '.pass', p.pass_('secret'))
                    resp, lines, octets = p.retr(1)
                    out(key + '.retr', b''.join(l + b'\\r\\n' for l in lines))
                    out(key + '.quit', p.quit())
                s = poplib.POP3_SSL('127.0.0.1', tls_port, timeout=10,
                                    context=ssl.create_default_context(cafile=cafile))
                retrieve(s, 'ssl')
                p = poplib.POP3('127.0.0.1', plain_port, timeout=10)
                out('stls.capa.before', ' '.join(sorted(p.capa())))
                out('stls.reply', p.stls(ssl.create_default_context(cafile=cafile)))
                out('stls.capa.after', ' '.join(sorted(p.capa())))
                retrieve(p, 'stls')
                """);
        TlsIt.Result result = TlsIt.run(
                dir,
                List.of(
                        "python3",
                        script.toString(),
                        caPem.toString(),
                        String.valueOf(server.port()),
                        String.valueOf(tlsPort())));
        assertThat(result.exitCode()).as(result.all()).isZero();
        java.util.Map<String, String> out = new java.util.HashMap<>();
        result.out().lines().map(l -> l.split("=", 2)).forEach(kv -> out.put(kv[0], kv[1]));

        assertThat(decode(out.get("ssl.pass"))).startsWith("+OK");
        assertThat(Base64.getDecoder().decode(out.get("ssl.retr"))).isEqualTo(TlsIt.DOTS_CRLF);
        assertThat(out.get("stls.capa.before").split(" ")).contains("STLS").doesNotContain("USER");
        assertThat(out.get("stls.capa.after").split(" ")).contains("USER").doesNotContain("STLS");
        assertThat(decode(out.get("stls.pass"))).startsWith("+OK");
        assertThat(Base64.getDecoder().decode(out.get("stls.retr"))).isEqualTo(TlsIt.DOTS_CRLF);
    }

    @Test
    void opensslStarttlsPop3_verifiesTheChain_andLogsInInsideTls() {
        TlsIt.Result result = TlsIt.run(
                dir,
                "USER alice\nPASS secret\nRETR 1\nQUIT\n",
                List.of(
                        "timeout",
                        "25",
                        "openssl",
                        "s_client",
                        "-starttls",
                        "pop3",
                        "-connect",
                        "127.0.0.1:" + server.port(),
                        "-CAfile",
                        caPem.toString(),
                        "-verify_return_error",
                        "-crlf",
                        "-quiet"));
        assertThat(result.exitCode()).as(result.all()).isZero();
        // -quiet prints only what arrived inside TLS: the replies and the dot-stuffed message.
        String stuffed = "From: bob@example.org\r\nSubject: dots over TLS\r\n\r\n"
                + "...two leading dots\r\n..\r\n..one leading dot\r\nbare LF line\r\nlast line without newline\r\n.\r\n";
        assertThat(result.out())
                .matches("(?s)\\+OK[^\r\n]*\r\n\\+OK[^\r\n]*\r\n\\+OK[^\r\n]*\r\n"
                        + java.util.regex.Pattern.quote(stuffed) + "\\+OK[^\r\n]*\r\n");
        assertThat(result.stderr()).contains("verify return:1").doesNotContain("verify error");
    }

    @Test
    void angusMail_starttlsRequired_retrievesTheMessage() throws Exception {
        Properties props = angusProperties("pop3");
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        assertThat(retrieveWithAngus("pop3", props, server.port())).isEqualTo(TlsIt.DOTS_CRLF);
    }

    @Test
    void angusMail_pop3sStore_onTheImplicitPort_retrievesTheMessage() throws Exception {
        assertThat(retrieveWithAngus("pop3s", angusProperties("pop3s"), tlsPort()))
                .isEqualTo(TlsIt.DOTS_CRLF);
    }

    private byte[] retrieveWithAngus(String protocol, Properties props, int port)
            throws MessagingException, java.io.IOException {
        try (Store store = Session.getInstance(props).getStore(protocol)) {
            store.connect("127.0.0.1", port, "alice", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            message.writeTo(written);
            inbox.close(false);
            return written.toByteArray();
        }
    }

    private Properties angusProperties(String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(prefix + "connectiontimeout", "5000");
        props.put(prefix + "timeout", "10000");
        props.put(
                prefix + "ssl.socketFactory",
                server.tlsTrust().orElseThrow().clientSslContext().getSocketFactory());
        props.put(prefix + "ssl.checkserveridentity", "true");
        return props;
    }

    private TlsIt.Result curl(String url, String... options) {
        List<String> command = new ArrayList<>(
                List.of("curl", "-sS", "--max-time", "20", "--cacert", caPem.toString(), "-u", "alice:secret", url));
        command.addAll(List.of(options));
        return TlsIt.run(dir, command);
    }

    private int tlsPort() {
        return server.tlsPort().getAsInt();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
    }
}
