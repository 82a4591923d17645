package io.tanpopo.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.ServerProcess;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failed logins, as the service really logs them (a child JVM with the app's own
 * logback.xml, real clients failing real logins), are what the shipped fail2ban filter counts:
 * {@code fail2ban-regex} finds each failure, for the client's address only, whatever the user
 * name the client made up.
 */
@RequiresProgram(value = "fail2ban-regex", debianPackage = "fail2ban")
@RequiresProgram(value = "python3", debianPackage = "python3")
@RequiresProgram(value = "curl", debianPackage = "curl")
class FailedLoginFail2banTest {

    private static final Path FILTER = Path.of("../contrib/fail2ban/filter.d/tanpopo.conf");
    private static final Path JAIL = Path.of("../contrib/fail2ban/jail.d/tanpopo.conf");
    /** poplib: three failures (wrong password, unknown user, a name that tries to forge rip=), then a login. */
    private static final String POPLIB = String.join(
            "\n",
            "import poplib, sys",
            "def attempt(user, password):",
            "    p = poplib.POP3(sys.argv[1], int(sys.argv[2]), timeout=30)",
            "    try:",
            "        p.user(user)",
            "        p.pass_(password)",
            "        p.quit()",
            "        return 'ok'",
            "    except poplib.error_proto:",
            "        p.close()",
            "        return 'failed'",
            "for user, password in [('alice', 'wrong'), ('nobody', 'x'), ('x>, rip=6.6.6.6', 'x'), ('alice', 's3cret')]:",
            "    print(attempt(user, password))",
            "");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"127.0.0.1, 127.0.0.1, 127.0.0.1", "::1, [::1], ::1"})
    void failedLogins_inTheServiceLog_areCountedByTheFilter_forTheClientOnly(String bind, String urlHost, String host)
            throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(
                passwd,
                "alice:{SHA512-CRYPT}$6$saltsaltsaltsalt$"
                        + "l5UWeH/IeG/.rGs/l3kZH.R4sk8ITFTxjshy9P9lPXNB8b0ihXXzhtQvLuNQnAhkwrRoubSO9rQ4zDSfU/dVr.\n");
        Path config = dir.resolve("tanpopo.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "pop3.bind=" + bind,
                        "pop3.port=0",
                        "tls.enabled=false",
                        "auth=passwd-file",
                        "auth.passwd-file=" + passwd,
                        "auth.failure-delay=10ms",
                        "auth.failure-delay-max=40ms",
                        "metrics.jmx=false",
                        ""));
        Path log = dir.resolve("server.log");
        try (ServerProcess server = ServerProcess.serve(config, log)) {
            Path script = dir.resolve("poplib_failures.py");
            Files.writeString(script, POPLIB);
            assertThat(run(List.of("python3", script.toString(), host, String.valueOf(server.port()))))
                    .isEqualTo("failed\nfailed\nfailed\nok\n");
            run(List.of(
                    "curl",
                    "-s",
                    "--max-time",
                    "30",
                    "--login-options",
                    "AUTH=PLAIN",
                    "-u",
                    "alice:wrong",
                    "pop3://" + urlHost + ":" + server.port() + "/"));
            Await.until(
                    Duration.ofSeconds(10), "four failed-login lines", () -> count(server.log(), "login failed") == 4);
        }
        assertThat(Files.readString(log))
                .contains(
                        "user=<x\\x3E\\x2C\\x20rip\\x3D6.6.6.6>",
                        "method=PLAIN",
                        "client=" + (host.contains(":") ? "[" + host + "]" : host) + ":");

        String report = run(List.of(
                "fail2ban-regex",
                log.toString(),
                FILTER.toAbsolutePath().normalize().toString()));
        Matcher lines = Pattern.compile("Lines: \\d+ lines, \\d+ ignored, (\\d+) matched")
                .matcher(report);
        assertThat(lines.find()).as(report).isTrue();
        assertThat(lines.group(1)).as(report).isEqualTo("4");
        String hosts = run(List.of(
                "fail2ban-regex",
                "--out",
                "ip",
                log.toString(),
                FILTER.toAbsolutePath().normalize().toString()));
        assertThat(hosts.lines().toList()).as(hosts).containsExactly(host, host, host, host);
    }

    /**
     * The jail loads with the installed fail2ban's own configuration (its actions, its defaults):
     * the shipped filter and jail copied into a copy of /etc/fail2ban, the distribution's sshd jail
     * switched off there so that the dump does not depend on this machine's logs.
     */
    @Test
    @RequiresProgram(value = "fail2ban-client", debianPackage = "fail2ban")
    void jail_loadsWithTheFilter_readingTheServiceJournal() throws Exception {
        Path etc = dir.resolve("fail2ban");
        copyTree(Path.of("/etc/fail2ban"), etc);
        Files.copy(FILTER, etc.resolve("filter.d/tanpopo.conf"));
        Files.copy(JAIL, etc.resolve("jail.d/tanpopo.conf"));
        Files.writeString(etc.resolve("jail.local"), "[sshd]\nenabled = false\n");
        List<String> dump = run(List.of("fail2ban-client", "-c", etc.toString(), "-d"))
                .lines()
                .toList();
        assertThat(dump)
                .contains(
                        "['add', 'tanpopo', 'systemd']",
                        "['start', 'tanpopo']",
                        "['set', 'tanpopo', 'addjournalmatch', '_SYSTEMD_UNIT=tanpopo.service']",
                        "['set', 'tanpopo', 'maxretry', 5]");
        assertThat(dump)
                .anySatisfy(line -> assertThat(line).startsWith("['set', 'tanpopo', 'addfailregex', '^login failed:"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from, 3)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Runs a program (bounded in time) and returns its standard output; standard error goes to the test's. */
    private String run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within 60 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
