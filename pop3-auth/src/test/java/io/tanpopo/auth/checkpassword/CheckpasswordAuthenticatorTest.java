package io.tanpopo.auth.checkpassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.checkpassword.CheckpasswordConfig.Outcome;
import io.tanpopo.testsupport.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpasswordAuthenticatorTest {

    private static final String STAMP = "<4711.1700000000@mail.test>";

    @TempDir
    Path dir;

    private final ExecutorService io = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "checkpassword-io");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void shutdown() {
        io.shutdownNow();
    }

    @Test
    void exitStatuses_mapToResults() throws IOException {
        assertThat(check(script("exit 1"), "u", "p")).isInstanceOf(AuthResult.Rejected.class);
        assertThat(check(script("exit 111"), "u", "p")).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(check(script("exit 2"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
        assertThat(check(script("exit 42"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
        assertThat(check(script("kill -9 $$"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
    }

    @Test
    void exitCodes_configuredMapping_likeVchkpw() throws IOException {
        CheckpasswordConfig config = new CheckpasswordConfig(
                List.of(script("exit 3").toString()),
                Duration.ofSeconds(10),
                2,
                Map.of(3, Outcome.REJECTED, 1, Outcome.UNAVAILABLE),
                CheckpasswordConfig.DEFAULT_PATH);
        assertThat(new CheckpasswordAuthenticator(config, io).authenticate(request("u", "p")))
                .isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void exitZero_withoutRunningTheNextProgram_acceptsNobody() throws IOException {
        assertThat(check(script("exit 0"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
        assertThat(check(Path.of("/bin/true"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
    }

    @Test
    void input_onDescriptor3_isExactlyUserPasswordStamp_andEnvironmentIsUcspi() throws IOException {
        Path seen = dir.resolve("seen");
        Path env = dir.resolve("env");
        Path program = script("cat <&3 > '" + seen + "'\nenv > '" + env + "'\nexec \"$@\"");
        AuthResult result = check(program, "jörg", "pa ss\u00e9");
        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        assertThat(Files.readAllBytes(seen))
                .isEqualTo(("jörg\0pa ss\u00e9\0" + STAMP + "\0").getBytes(StandardCharsets.UTF_8));
        List<String> vars = Files.readAllLines(env);
        assertThat(vars)
                .contains(
                        "PROTO=TCP",
                        "TCPLOCALIP=192.0.2.1",
                        "TCPLOCALPORT=110",
                        "TCPLOCALHOST=mail.test",
                        "TCPREMOTEIP=198.51.100.7",
                        "TCPREMOTEPORT=40000",
                        "RELAYCLIENT=",
                        "PATH=" + CheckpasswordConfig.DEFAULT_PATH);
        assertThat(vars).noneMatch(v -> v.startsWith("TCPREMOTEHOST="));
        // Nothing of the server's own environment leaks through (the shell adds PWD, maybe SHLVL and _).
        assertThat(vars)
                .allMatch(v -> v.matches("(PROTO|TCP[A-Z]+|RELAYCLIENT|PATH|PWD|SHLVL|_)=.*"), "only UCSPI variables");
    }

    @Test
    void remoteHostName_isPassedWhenKnown_andRulesCannotForgeTheAddress() throws IOException {
        Path env = dir.resolve("env");
        Path program = script("env > '" + env + "'\nexit 1");
        ConnectionInfo connection = new ConnectionInfo(
                new InetSocketAddress("192.0.2.1", 110),
                new InetSocketAddress("198.51.100.7", 40000),
                "mail.test",
                Optional.of("client.example"),
                true,
                Map.of("TCPREMOTEIP", "10.9.9.9", "BAD NAME", "x"));
        authenticator(program, Duration.ofSeconds(10), 1)
                .authenticate(new LoginRequest("u", bytes("p"), STAMP, connection));
        assertThat(Files.readAllLines(env))
                .contains("TCPREMOTEHOST=client.example", "TCPREMOTEIP=198.51.100.7")
                .noneMatch(v -> v.startsWith("BAD"));
    }

    @Test
    void unknownRemote_leavesTcpRemoteIpAndPortOut_andExtraVariablesCannotPutThemIn() throws IOException {
        Path env = dir.resolve("env");
        Path program = script("env > '" + env + "'\nexit 1");
        ConnectionInfo connection = new ConnectionInfo(
                new InetSocketAddress("192.0.2.1", 110),
                ConnectionInfo.UNKNOWN_REMOTE,
                "mail.test",
                Optional.empty(),
                false,
                Map.of("TCPREMOTEIP", "127.0.0.1", "TCPREMOTEPORT", "1", "RELAYCLIENT", ""));
        authenticator(program, Duration.ofSeconds(10), 1)
                .authenticate(new LoginRequest("u", bytes("p"), STAMP, connection));
        assertThat(Files.readAllLines(env))
                .contains("TCPLOCALIP=192.0.2.1", "RELAYCLIENT=")
                .noneMatch(v -> v.startsWith("TCPREMOTE"));
    }

    @Test
    void accepted_takesUserAndHomeFromTheNextProgramsEnvironment() throws IOException {
        Path program =
                script("read -r _ <&3 || true\nUSER=vmail HOME=/var/vmail/u//x SHELL=/bin/false EXT=box exec \"$@\"");
        Account account = ((AuthResult.Accepted) check(program, "typed", "p")).account();
        assertThat(account.name()).isEqualTo("vmail");
        assertThat(account.home()).contains(Path.of("/var/vmail/u/x"));
        assertThat(account.attributes())
                .containsEntry("EXT", "box")
                .containsEntry("SHELL", "/bin/false")
                .doesNotContainKeys("PATH", "TCPREMOTEIP", "PWD");
    }

    @Test
    void accepted_withInsaneUserOrRelativeHome_fallsBackToTheLoginName() throws IOException {
        Path program = script("USER='../etc' HOME=relative exec \"$@\"");
        Account account = ((AuthResult.Accepted) check(program, "typed", "p")).account();
        assertThat(account.name()).isEqualTo("typed");
        assertThat(account.home()).isEmpty();
    }

    @Test
    void garbageOutput_beforeTheNextProgram_isIgnored_andHugeOutputDoesNotDeadlock() throws IOException {
        Path noisy = script("printf 'HOME=/evil\\0\\377\\376garbage'\nhead -c 300000 /dev/zero\nexec \"$@\"");
        Account account = ((AuthResult.Accepted) check(noisy, "u", "p")).account();
        assertThat(account.home()).isEmpty();
        Path flood = script("head -c 2000000 /dev/urandom\nhead -c 2000000 /dev/urandom >&2\nexit 1");
        assertThat(check(flood, "u", "p")).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void programClosingDescriptor3Early_orNeverReadingIt_isJudgedByItsExitStatus() throws IOException {
        assertThat(check(script("exec 3<&-\nexit 1"), "u", "p")).isInstanceOf(AuthResult.Rejected.class);
        assertThat(check(script("exec 3<&-\nexec \"$@\""), "u", "p")).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void shellMetacharactersInUserOrPassword_reachNoShell() throws IOException {
        Path marker = dir.resolve("pwned");
        Path seen = dir.resolve("seen");
        Path program = script("cat <&3 > '" + seen + "'\nexit 1");
        String user = "$(touch " + marker + ")`touch " + marker + "`;touch " + marker;
        String password = "'; rm -rf / ; touch " + marker + " #";
        assertThat(check(program, user, password)).isInstanceOf(AuthResult.Rejected.class);
        assertThat(marker).doesNotExist();
        assertThat(Files.readAllBytes(seen))
                .isEqualTo((user + "\0" + password + "\0" + STAMP + "\0").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void inputOver512Bytes_orWithNul_isRejectedWithoutRunning() throws IOException {
        Path ran = dir.resolve("ran");
        Path program = script("touch '" + ran + "'\nexec \"$@\"");
        assertThat(check(program, "u", "x".repeat(512))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(check(program, "u", "a\0b")).isInstanceOf(AuthResult.Rejected.class);
        assertThat(ran).doesNotExist();
        assertThat(check(program, "u", "x".repeat(512 - 3 - 1 - STAMP.length())))
                .isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void passwordArray_isNotKeptOrChanged() throws IOException {
        byte[] password = bytes("secret");
        authenticator(script("exit 1"), Duration.ofSeconds(10), 1)
                .authenticate(new LoginRequest("u", password, STAMP, connection()));
        assertThat(password).isEqualTo(bytes("secret"));
    }

    @Test
    void hangingProgram_andItsChild_areKilledAtTheTimeout() throws IOException {
        Path childPid = dir.resolve("child.pid");
        Path program = script("sleep 1000 &\necho $! > '" + childPid + "'\nwait");
        long start = System.nanoTime();
        AuthResult result = authenticator(program, Duration.ofMillis(500), 1).authenticate(request("u", "p"));
        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        long pid = Long.parseLong(Files.readString(childPid).strip());
        Await.until(Duration.ofSeconds(5), "sleep " + pid + " is dead", () -> isGone(pid));
    }

    @Test
    void allSlotsBusy_longerThanTheTimeout_isUnavailable() throws Exception {
        Path started = dir.resolve("started");
        Path program = script("touch '" + started + "'\nsleep 1000");
        CheckpasswordAuthenticator auth = authenticator(program, Duration.ofMillis(700), 1);
        CompletableFuture<AuthResult> first =
                CompletableFuture.supplyAsync(() -> auth.authenticate(request("a", "p")), io);
        Await.until(Duration.ofSeconds(5), "the first program started", () -> Files.exists(started));
        assertThat(auth.authenticate(request("b", "p"))).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(first.get()).isInstanceOf(AuthResult.Unavailable.class);
    }

    @Test
    void concurrentChecks_neverRunMoreProgramsThanAllowed() throws Exception {
        Path release = dir.resolve("release");
        Path starts = Files.createDirectory(dir.resolve("starts"));
        Path program =
                script("touch '" + starts + "'/$$\nwhile [ ! -e '" + release + "' ]; do sleep 0.02; done\nexit 1");
        CheckpasswordAuthenticator auth = authenticator(program, Duration.ofSeconds(20), 2);
        List<CompletableFuture<AuthResult>> checks = List.of("a", "b", "c", "d").stream()
                .map(u -> CompletableFuture.supplyAsync(() -> auth.authenticate(request(u, "p")), io))
                .toList();
        Await.until(Duration.ofSeconds(10), "two programs started", () -> count(starts) >= 2);
        assertThat(count(starts)).isEqualTo(2);
        Files.createFile(release);
        for (CompletableFuture<AuthResult> check : checks) {
            assertThat(check.get()).isInstanceOf(AuthResult.Rejected.class);
        }
        assertThat(count(starts)).isEqualTo(4);
    }

    private static long count(Path directory) {
        try (var files = Files.list(directory)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void missingProgram_isFailed() {
        assertThat(check(dir.resolve("does-not-exist"), "u", "p")).isInstanceOf(AuthResult.Failed.class);
    }

    @Test
    void config_rejectsBadValuesNamingTheKey() {
        assertThatThrownBy(() -> CheckpasswordConfig.of(List.of("checkpw")))
                .hasMessageContaining("auth.checkpassword.command");
        assertThatThrownBy(() -> CheckpasswordConfig.of(List.of())).hasMessageContaining("auth.checkpassword.command");
        assertThatThrownBy(() -> new CheckpasswordConfig(List.of("/x"), Duration.ZERO, 1, Map.of(), "/bin"))
                .hasMessageContaining("auth.checkpassword.timeout");
        assertThatThrownBy(() -> new CheckpasswordConfig(List.of("/x"), Duration.ofSeconds(1), 0, Map.of(), "/bin"))
                .hasMessageContaining("auth.checkpassword.max-processes");
        assertThatThrownBy(() -> new CheckpasswordConfig(
                        List.of("/x"), Duration.ofSeconds(1), 1, Map.of(0, Outcome.REJECTED), "/bin"))
                .hasMessageContaining("auth.checkpassword.exit-codes");
        assertThat(CheckpasswordConfig.of(List.of("/usr/bin/checkpw")).timeout())
                .isEqualTo(Duration.ofSeconds(10));
    }

    static boolean isGone(long pid) {
        // A killed grandchild may linger as a zombie if nothing reaps it: that counts as dead.
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    private AuthResult check(Path program, String user, String password) {
        return authenticator(program, Duration.ofSeconds(10), 2).authenticate(request(user, password));
    }

    private CheckpasswordAuthenticator authenticator(Path program, Duration timeout, int max) {
        return new CheckpasswordAuthenticator(
                new CheckpasswordConfig(
                        List.of(program.toString()), timeout, max, Map.of(), CheckpasswordConfig.DEFAULT_PATH),
                io);
    }

    private Path script(String body) throws IOException {
        Path file = Files.createTempFile(dir, "prog", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ConnectionInfo connection() {
        return new ConnectionInfo(
                new InetSocketAddress("192.0.2.1", 110),
                new InetSocketAddress("198.51.100.7", 40000),
                "mail.test",
                Optional.empty(),
                false,
                Map.of("RELAYCLIENT", ""));
    }

    static LoginRequest request(String user, String password) {
        return new LoginRequest(user, bytes(password), STAMP, connection());
    }
}
