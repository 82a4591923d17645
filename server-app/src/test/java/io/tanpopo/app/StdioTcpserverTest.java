package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stdio} under Debian's real tcpserver (ucspi-tcp), as qmail-popup would run, with Python's
 * poplib as the client: login, RETR, DELE, QUIT; the deletion commits, and the client address that
 * tcpserver put in TCPREMOTEIP/TCPREMOTEPORT is the session's (the summary line on standard error).
 */
@RequiresProgram(value = "/usr/bin/tcpserver", debianPackage = "ucspi-tcp")
@RequiresProgram(value = "python3", debianPackage = "python3")
class StdioTcpserverTest {

    private static final Path TCPSERVER = Path.of("/usr/bin/tcpserver");

    @TempDir
    Path dir;

    @Test
    void sessionUnderTcpserver_withPoplib_retrievesDeletesAndSeesTcpremoteip() throws Exception {
        Path maildir = dir.resolve("mail/alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "Subject: hi\n\n.dot line\nbody\n");
        Path config = dir.resolve("tanpopo.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "auth.users=alice:s3cret",
                        "store=maildir",
                        "store.maildir.path=" + dir + "/mail/{user}/Maildir",
                        "tls.enabled=false",
                        "metrics.jmx=false",
                        ""));
        int port = freePort();
        Path log = dir.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process tcpserver = new ProcessBuilder(
                        TCPSERVER.toString(),
                        "-H",
                        "-R",
                        "-l",
                        "localhost",
                        "127.0.0.1",
                        Integer.toString(port),
                        java,
                        "-Dlogback.configurationFile=logback.xml",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tanpopo.app.Main",
                        "stdio",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Process client = new ProcessBuilder("python3", "-c", POPLIB, Integer.toString(port))
                    .redirectErrorStream(true)
                    .start();
            assertThat(client.waitFor(120, TimeUnit.SECONDS))
                    .as("poplib finished")
                    .isTrue();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(output).contains("STAT 1", "\n.dot line\n", "body", "QUIT +OK");
            assertThat(client.exitValue()).as(output).isZero();
            String summary = awaitLine(log, "session=", "end=");
            assertThat(summary)
                    .contains("user=alice", "client=127.0.0.1:", "retrieved=1", "deleted=1", "end=quit")
                    .doesNotContain("client=0.0.0.0");
            assertThat(summary).doesNotContain("client=127.0.0.1:0 ");
            try (var files = Files.list(maildir.resolve("new"))) {
                assertThat(files).isEmpty();
            }
        } finally {
            tcpserver.destroy();
            if (!tcpserver.waitFor(10, TimeUnit.SECONDS)) {
                tcpserver.destroyForcibly();
            }
        }
    }

    /** Connects (retrying until tcpserver listens, bounded), logs in, retrieves, deletes, quits. */
    private static final String POPLIB = """
            import poplib, sys, time
            port = int(sys.argv[1])
            deadline = time.time() + 60
            while True:
                try:
                    pop = poplib.POP3('127.0.0.1', port, timeout=60)
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)
            print(pop.getwelcome().decode())
            pop.user('alice')
            pop.pass_('s3cret')
            print('STAT', pop.stat()[0])
            for line in pop.retr(1)[1]:
                print(line.decode())
            pop.dele(1)
            print('QUIT', pop.quit().decode())
            """;

    private static String awaitLine(Path log, String... parts) throws IOException {
        try {
            return Await.value(Duration.ofSeconds(60), "a line with " + List.of(parts), () -> lineWith(log, parts));
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + " in:\n" + (Files.exists(log) ? Files.readString(log) : "(no output)"), e);
        }
    }

    /** The first line of {@code log} holding every part; null when none does yet. */
    private static String lineWith(Path log, String... parts) {
        try {
            return Files.exists(log)
                    ? Files.readAllLines(log).stream()
                            .filter(line -> List.of(parts).stream().allMatch(line::contains))
                            .findFirst()
                            .orElse(null)
                    : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
