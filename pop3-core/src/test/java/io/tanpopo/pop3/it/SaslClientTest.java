package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.RequiresProgram;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each login mechanism with a real client: curl's --login-options, Angus Mail's SASL and APOP. */
class SaslClientTest {

    @TempDir
    Path dir;

    private final Transcript transcript = new Transcript();
    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;

    @BeforeEach
    void start() {
        server = mail.builder()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .listener(transcript)
                .start();
        SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN", "CRAM-MD5"})
    @RequiresProgram(value = "curl", debianPackage = "curl")
    void curl_withEachSaslMechanism_logsInAndRetrieves(String mechanism) {
        ExternalClient.Result result = curl("AUTH=" + mechanism, "alice:secret");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(SeedMessages.crlf(SeedMessages.ALL.get(0)));
        assertThat(transcript.commands()).contains("AUTH " + mechanism);
    }

    @Test
    @RequiresProgram(value = "curl", debianPackage = "curl")
    void curl_withApop_logsIn() {
        ExternalClient.Result result = curl("AUTH=+APOP", "alice:secret");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(transcript.keywords()).contains("APOP").doesNotContain("AUTH", "PASS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "CRAM-MD5", "LOGIN"})
    @RequiresProgram(value = "curl", debianPackage = "curl")
    void curl_wrongPassword_isDenied(String mechanism) {
        ExternalClient.Result result = curl("AUTH=" + mechanism, "alice:wrong");
        assertThat(result.exitCode()).isEqualTo(67);
    }

    /**
     * Angus Mail 2.0's POP3 speaks SASL PLAIN itself (its "LOGIN" means USER/PASS), chosen by
     * mail.pop3.auth.mechanisms; it has no CRAM-MD5 or SCRAM (those are tested with curl and a script).
     */
    @Test
    void angusMail_withAuthPlain_logsIn() throws Exception {
        String mechanism = "PLAIN";
        Properties props = new Properties();
        props.put("mail.pop3.auth.mechanisms", mechanism);
        assertThat(messageCount(props, "secret")).isEqualTo(3);
        assertThat(transcript.commands()).anyMatch(c -> c.startsWith("AUTH " + mechanism));
    }

    @Test
    void angusMail_withApop_logsIn_andWrongSecretIsRefused() throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.apop.enable", "true");
        assertThat(messageCount(props, "secret")).isEqualTo(3);
        assertThat(transcript.keywords()).contains("APOP").doesNotContain("PASS");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> messageCount(props, "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    private int messageCount(Properties extra, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.connectiontimeout", "5000");
        props.put("mail.pop3.timeout", "10000");
        props.putAll(extra);
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect("127.0.0.1", server.port(), "alice", password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
            Await.value(
                    Duration.ofSeconds(5), "unlock", () -> mail.mailbox("alice").isLocked() ? null : true);
        }
    }

    private ExternalClient.Result curl(String loginOptions, String credentials) {
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-s",
                "-S",
                "--max-time",
                "20",
                "pop3://127.0.0.1:" + server.port() + "/1",
                "-u",
                credentials,
                "--login-options",
                loginOptions));
        return ExternalClient.run(dir, command);
    }
}
