package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curl's POP3 support (libcurl), a client many scripts and monitoring checks use. */
@RequiresProgram(value = "curl", debianPackage = "curl")
class CurlClientTest {

    @TempDir
    Path dir;

    private final Transcript transcript = new Transcript();
    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;
    private List<String> uids;

    @BeforeEach
    void start() {
        server = mail.builder()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .listener(transcript)
                .start();
        uids = SeedMessages.seed(mail.mailbox("alice"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retr_everyMessage_stdoutEqualsTheCrlfForm() {
        for (int i = 0; i < 3; i++) {
            ExternalClient.Result result = curl("/" + (i + 1), "-u", "alice:secret");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).as("message %d", i + 1).isEqualTo(SeedMessages.crlf(SeedMessages.ALL.get(i)));
            awaitUnlocked();
        }
        // curl prefers SASL when CAPA lists it (it does, strongest first): that path worked too.
        assertThat(transcript.keywords()).contains("CAPA", "AUTH", "RETR").doesNotContain("DELE");
    }

    @Test
    void list_withoutMessageNumber_printsTheScanListing() {
        ExternalClient.Result result = curl("/", "-u", "alice:secret");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            expected.append(i + 1)
                    .append(' ')
                    .append(SeedMessages.size(SeedMessages.ALL.get(i)))
                    .append("\r\n");
        }
        assertThat(result.out()).isEqualTo(expected.toString());
    }

    @Test
    void customUidlCommand_printsTheUniqueIds() {
        ExternalClient.Result result = curl("/", "-u", "alice:secret", "-X", "UIDL");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.out())
                .isEqualTo("1 " + uids.get(0) + "\r\n2 " + uids.get(1) + "\r\n3 " + uids.get(2) + "\r\n");
    }

    @Test
    void customDeleCommand_removesTheMessageOnQuit() {
        ExternalClient.Result result = curl("/2", "-u", "alice:secret", "-X", "DELE", "-I");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        awaitUnlocked();
        assertThat(mail.mailbox("alice").messages()).extracting(m -> m.uid()).containsExactly(uids.get(0), uids.get(2));
    }

    @Test
    void wrongPassword_exitsWithLoginDenied() {
        ExternalClient.Result result = curl("/1", "-u", "alice:wrong");
        assertThat(result.exitCode()).as("curl exit code (67 = login denied)").isEqualTo(67);
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void apopForced_rightSecretRetrieves_wrongSecretIsDenied() {
        ExternalClient.Result right = curl("/1", "-u", "alice:secret", "--login-options", "AUTH=+APOP");
        assertThat(right.exitCode()).as(right.stderr()).isZero();
        assertThat(right.stdout()).isEqualTo(SeedMessages.crlf(SeedMessages.DOTS));
        awaitUnlocked();
        ExternalClient.Result wrong = curl("/1", "-u", "alice:wrong", "--login-options", "AUTH=+APOP");
        assertThat(wrong.exitCode()).isEqualTo(67);
        assertThat(transcript.keywords()).contains("APOP").doesNotContain("PASS");
    }

    private ExternalClient.Result curl(String path, String... options) {
        List<String> command = new ArrayList<>(
                List.of("curl", "-s", "-S", "--max-time", "20", "pop3://127.0.0.1:" + server.port() + path));
        command.addAll(List.of(options));
        return ExternalClient.run(dir, command);
    }

    private void awaitUnlocked() {
        Await.value(Duration.ofSeconds(5), "unlock", () -> mail.mailbox("alice").isLocked() ? null : true);
    }
}
