package io.tanpopo.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.app.ServerProcess;
import io.tanpopo.testsupport.Await;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POP-before-SMTP command of a real server process, whose environment holds a
 * {@code TANPOPO_*} secret, dumps its environment with {@code env}: the secret is not there, the
 * UCSPI variables are.
 */
@RequiresProgram(value = "/usr/bin/env", debianPackage = "coreutils")
class PopBeforeSmtpEnvironmentTest {

    private static final String SECRET = "s3cret-of-the-server-environment";

    @TempDir
    Path dir;

    @Test
    void command_ofARunningServer_getsNoneOfTheServersEnvironment() throws Exception {
        Path dump = dir.resolve("env.txt");
        Path hook = dir.resolve("dump-env");
        // Written aside and renamed, so the test never reads half a file.
        Files.writeString(hook, "#!/bin/sh\n/usr/bin/env > " + dump + ".tmp && mv " + dump + ".tmp " + dump + "\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("tanpopo.properties");
        Files.writeString(
                config,
                "pop3.port=0\ntls.enabled=false\nresolver.strategies=none\n" + "pop-before-smtp.command=" + hook
                        + "\n");
        Map<String, String> environment = Map.of("TANPOPO_AUTH_USERS", "alice:" + SECRET, "UNRELATED_TOKEN", SECRET);
        try (ServerProcess server = ServerProcess.serve(config, dir.resolve("server.log"), environment)) {
            login(server.port(), "alice", SECRET);
            Await.until(Duration.ofSeconds(30), "the hook to dump its environment", () -> Files.exists(dump));
        }
        String dumped = Files.readString(dump);
        assertThat(dumped).doesNotContain(SECRET).doesNotContain("TANPOPO_").doesNotContain("UNRELATED_TOKEN");
        assertThat(Files.readAllLines(dump))
                .contains("TCPREMOTEIP=127.0.0.1", "PROTO=TCP", "PATH=/usr/local/bin:/usr/bin:/bin");
    }

    private static void login(int port, String user, String password) throws Exception {
        try (Pop3Wire pop = Pop3Wire.open(port).timeout(Duration.ofSeconds(30))) {
            assertThat(pop.line()).startsWith("+OK");
            for (String command : List.of("USER " + user, "PASS " + password, "QUIT")) {
                assertThat(pop.command(command)).as(command.split(" ")[0]).startsWith("+OK");
            }
        }
    }
}
