package io.tanpopo.pop3.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.checkpassword.CheckpasswordAuthenticator;
import io.tanpopo.auth.checkpassword.CheckpasswordConfig;
import io.tanpopo.pop3.AuthThreads;
import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpassword program that hangs holds up logins only: the command workers go on serving the
 * sessions already logged in, and logins beyond {@code auth.threads} and {@code auth.queue} are
 * answered {@code [SYS/TEMP]} at once. The program is a real shell script; for user {@code slow} it
 * marks that it started and waits until the test creates a file (bounded at 30 s).
 */
class SlowAuthenticationTest {

    private static final String BUSY = "-ERR [SYS/TEMP] Authentication busy, try again later";

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newCachedThreadPool();

    private final MemoryBackend mail = new MemoryBackend();

    @AfterEach
    void stop() throws IOException {
        release();
        io.shutdownNow();
    }

    @Test
    void hangingCheckpassword_onEveryWorker_doesNotHoldUpAnotherSessionsRetr() throws Exception {
        try (Pop3Server server = server(2, new AuthThreads(4, 4));
                Pop3Wire alice = Pop3Wire.connect(server.port());
                Pop3Wire slow1 = Pop3Wire.connect(server.port());
                Pop3Wire slow2 = Pop3Wire.connect(server.port())) {
            mail.mailbox("alice").add("Subject: hi\r\n\r\n.dot line\nbare LF\n");
            assertThat(alice.login("alice", "pw")).startsWith("+OK");
            // As many hanging logins as there are workers: before, they held every worker.
            slow1.command("USER slow1");
            slow2.command("USER slow2");
            slow1.send("PASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow2.send("PASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            Await.until(Duration.ofSeconds(10), "both slow checkpassword runs to start", () -> started() == 2);

            long start = System.nanoTime();
            assertThat(alice.command("RETR 1")).startsWith("+OK");
            assertThat(alice.body()).contains("..dot line".substring(1), "bare LF");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(started()).as("the slow logins are still waiting").isEqualTo(2);

            release();
            assertThat(slow1.line()).startsWith("+OK");
            assertThat(slow2.line()).startsWith("+OK");
        }
    }

    @Test
    void loginBeyondThreadsAndQueue_isAnsweredSysTempAtOnce_andTheSessionGoesOn() throws Exception {
        try (Pop3Server server = server(4, new AuthThreads(1, 1));
                Pop3Wire running = Pop3Wire.connect(server.port());
                Pop3Wire queued = Pop3Wire.connect(server.port());
                Pop3Wire refused = Pop3Wire.connect(server.port())) {
            // A SASL exchange begun while a thread was free, whose response comes when none is.
            assertThat(refused.command("AUTH PLAIN")).isEqualTo("+ ");
            running.command("USER slow1");
            running.send("PASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            Await.until(Duration.ofSeconds(10), "the slow checkpassword run to start", () -> started() == 1);
            queued.command("USER slow2");
            queued.send("PASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            Await.until(
                    Duration.ofSeconds(10), "the second login to wait in the queue", () -> server.loginsWaiting() == 1);

            assertThat(refused.command("AGFsaWNlAHB3")).isEqualTo(BUSY);
            assertThat(refused.command("NOOP"))
                    .as("the exchange ended")
                    .isEqualTo("-ERR Command not valid in this state");
            assertThat(refused.login("alice", "pw")).isEqualTo(BUSY);

            release();
            assertThat(running.line()).startsWith("+OK");
            assertThat(queued.line()).startsWith("+OK");
            assertThat(refused.command("PASS pw")).as("USER must come again").isEqualTo("-ERR Send USER first");
            assertThat(refused.login("alice", "pw")).startsWith("+OK");
        }
    }

    private Pop3Server server(int workers, AuthThreads auth) throws IOException {
        CheckpasswordConfig config = new CheckpasswordConfig(
                List.of(program().toString()), Duration.ofSeconds(30), 8, Map.of(), CheckpasswordConfig.DEFAULT_PATH);
        return Pop3Server.builder()
                .noTls()
                .workerThreads(workers)
                .authThreads(auth)
                .authenticator(new CheckpasswordAuthenticator(config, io))
                .store(mail.store())
                .start();
    }

    private Path program() throws IOException {
        Path file = dir.resolve("checkpassword");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "#!/bin/sh",
                        "user=$(tr '\\000' '\\n' <&3 | head -n 1)",
                        "case $user in slow*)",
                        "  touch '" + dir + "'/started.$$",
                        "  i=0",
                        "  while [ ! -e '" + dir + "/release' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done",
                        "  ;;",
                        "esac",
                        "USER=$user HOME=/tmp exec \"$@\"",
                        ""));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private long started() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("started."))
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void release() throws IOException {
        if (!Files.exists(dir.resolve("release"))) {
            Files.createFile(dir.resolve("release"));
        }
    }
}
