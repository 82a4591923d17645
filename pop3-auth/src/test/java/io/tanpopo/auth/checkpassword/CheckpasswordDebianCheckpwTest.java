package io.tanpopo.auth.checkpassword;

import static io.tanpopo.auth.checkpassword.CheckpasswordAuthenticatorTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.auth.Account;
import io.tanpopo.auth.AuthResult;
import io.tanpopo.testsupport.RequiresProgram;
import io.tanpopo.testsupport.RequiresRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs Debian's real {@code checkpw} (package checkpw), which checks {@code ~user/Maildir/.password}
 * of a <em>system</em> user and must run as root to change to that user. The test creates the
 * system user {@code tanpopotest} with a temporary home and removes both afterwards.
 */
@RequiresProgram(value = "/usr/bin/checkpw", debianPackage = "checkpw")
@RequiresProgram(value = "/usr/sbin/useradd", debianPackage = "passwd")
@RequiresRoot("checkpw switches to the user it checks; the test creates a system user")
class CheckpasswordDebianCheckpwTest {

    private static final String USER = "tanpopotest";
    private static final Path CHECKPW = Path.of("/usr/bin/checkpw");
    private static Path home;
    private static boolean createdUser;
    private static ExecutorService io;

    @BeforeAll
    static void createSystemUser() throws Exception {
        assertThat(CHECKPW)
                .as("Debian package checkpw must be installed (apt-get install checkpw)")
                .isExecutable();
        assertThat(Path.of("/usr/sbin/useradd"))
                .as("useradd is needed to create a system user")
                .isExecutable();
        home = Files.createTempDirectory(Path.of("/tmp"), "tanpopotest-");
        if (run("id", "-u", USER) != 0) {
            assertThat(run("/usr/sbin/useradd", "-M", "-d", home.toString(), "-s", "/bin/false", USER))
                    .as("useradd " + USER)
                    .isZero();
            createdUser = true;
        } else {
            assertThat(run("/usr/sbin/usermod", "-d", home.toString(), USER))
                    .as("usermod -d")
                    .isZero();
        }
        Path maildir = Files.createDirectories(home.resolve("Maildir"));
        Path password = Files.writeString(maildir.resolve(".password"), "s3cret pw\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        UserPrincipal owner =
                home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        for (Path p : List.of(home, maildir, password)) {
            Files.setOwner(p, owner);
        }
        io = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void removeSystemUser() throws Exception {
        if (io != null) {
            io.shutdownNow();
        }
        if (createdUser) {
            run("/usr/sbin/userdel", USER);
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void rightPassword_isAccepted_withUserAndHomeFromCheckpw() {
        AuthResult result = authenticator().authenticate(request(USER, "s3cret pw"));
        Account account = ((AuthResult.Accepted) result).account();
        assertThat(account.name()).isEqualTo(USER);
        assertThat(account.home()).contains(home);
        assertThat(account.attributes()).containsEntry("SHELL", "/bin/false");
    }

    @Test
    void wrongPassword_orUnknownUser_isRejected() {
        assertThat(authenticator().authenticate(request(USER, "s3cret"))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(authenticator().authenticate(request("no-such-user-tanpopo", "x")))
                .isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void passwordFileReadableByOthers_isATemporaryFailure() throws IOException {
        Path password = home.resolve("Maildir/.password");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        try {
            assertThat(authenticator().authenticate(request(USER, "s3cret pw")))
                    .isInstanceOf(AuthResult.Unavailable.class);
        } finally {
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static CheckpasswordAuthenticator authenticator() {
        return new CheckpasswordAuthenticator(CheckpasswordConfig.of(List.of(CHECKPW.toString())), io);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
