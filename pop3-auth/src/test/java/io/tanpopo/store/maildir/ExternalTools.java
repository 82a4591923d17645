package io.tanpopo.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real mail programs (mblaze's mdeliver, Dovecot's LDA and doveadm) on a maildir in a
 * temporary directory, with a private dovecot.conf and no auth service: the programs run as the
 * calling user, or as nobody (via setpriv) when the tests run as root, since Dovecot refuses
 * mail access as root.
 */
final class ExternalTools {

    static final String LDA = "/usr/lib/dovecot/dovecot-lda";
    private static final long NOBODY = 65534;

    private final Path home;
    private final Path config;

    ExternalTools(Path home, Path maildir) throws IOException {
        for (String program : List.of(LDA, "/usr/bin/doveadm", "/usr/bin/mdeliver", "/usr/bin/setpriv")) {
            assertThat(Path.of(program))
                    .as("interop tests need %s (packages dovecot-core, mblaze, util-linux)", program)
                    .isExecutable();
        }
        this.home = home;
        this.config = home.resolve("dovecot.conf");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "mail_location = maildir:" + maildir,
                        "base_dir = " + home.resolve("run"),
                        "state_dir = " + home.resolve("state"),
                        "log_path = " + home.resolve("dovecot.log"),
                        "ssl = no",
                        ""));
        openUp(home);
    }

    /** Lets nobody write everywhere below {@code dir} (tests run as root in CI). */
    static void openUp(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
                }
            }
        }
        for (Path p = dir; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            if (Files.getOwner(p).getName().equals("root") && p.startsWith(System.getProperty("java.io.tmpdir"))) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
    }

    String lda(String message) throws Exception {
        return run(message, LDA, "-c", config.toString(), "-f", "sender@example.org");
    }

    String mdeliver(Path maildir, String message) throws Exception {
        return run(message, "/usr/bin/mdeliver", maildir.toString());
    }

    String doveadm(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/doveadm", "-c", config.toString()));
        command.addAll(List.of(args));
        return run("", command.toArray(String[]::new));
    }

    private String run(String stdin, String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(List.of(
                "/usr/bin/env", "HOME=" + home, "USER=" + (isRoot() ? "nobody" : System.getProperty("user.name"))));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finishes", full)
                .isTrue();
        assertThat(process.exitValue())
                .as("%s exit status; output: %s; log: %s", full, output, log())
                .isZero();
        return output;
    }

    private String log() throws IOException {
        Path log = home.resolve("dovecot.log");
        return Files.exists(log) ? Files.readString(log) : "(none)";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
