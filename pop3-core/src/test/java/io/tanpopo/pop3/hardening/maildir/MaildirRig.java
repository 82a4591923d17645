package io.tanpopo.pop3.hardening.maildir;

import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.store.maildir.MaildirConfig;
import io.tanpopo.store.maildir.MaildirStore;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A tree of real maildirs {@code <base>/<user>/Maildir} owned by an unprivileged user (uid
 * {@value #UID}, when the test runs as root, as CI does), a real server over them on port 0, and
 * the attacker: the same commands a user types in a shell ({@code ln -s}, {@code mv},
 * {@code mkfifo}), run as that user through {@code setpriv}.
 */
final class MaildirRig implements AutoCloseable {

    /** nobody: the maildirs' owner and the attacker. */
    static final int UID = 65534;

    static final String PASSWORD = "secret";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    final Path base;
    private final List<Pop3Server> servers = new ArrayList<>();

    MaildirRig(Path dir) throws IOException {
        // Traversable by the unprivileged user; JUnit makes temporary directories 0700.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        this.base = Files.createDirectories(dir.resolve("home"));
    }

    /** {@code <base>/<user>/Maildir} with tmp, new and cur, owned by the unprivileged user. */
    Path maildir(String user) throws IOException {
        Path maildir = base.resolve(user).resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        return maildir;
    }

    /** Writes {@code content} as {@code sub/name} of the user's maildir. */
    Path message(String user, String sub, String name, String content) throws IOException {
        return Files.writeString(
                base.resolve(user).resolve("Maildir").resolve(sub).resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Gives the user's home (and everything in it) to the unprivileged user. */
    void handOver(String user) throws IOException {
        if (!ROOT) {
            return;
        }
        try (Stream<Path> all = Files.walk(base.resolve(user))) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", UID, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", UID, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** A server with users eve and bob over the maildirs, the store configured by {@code config}. */
    Pop3Server server(UnaryOperator<MaildirConfig> config) {
        MaildirStore store = new MaildirStore(config.apply(MaildirConfig.of(base + "/{user}/Maildir")));
        Pop3Server server = Pop3Server.builder()
                .port(0)
                .noTls()
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .user("eve", PASSWORD)
                .user("bob", PASSWORD)
                .store(store)
                .start();
        servers.add(server);
        return server;
    }

    /** Connected and logged in as {@code user}; the PASS reply must be +OK. */
    static Pop3Wire loggedIn(Pop3Server server, String user) {
        Pop3Wire client = Pop3Wire.connect(server.port());
        String reply = client.login(user, PASSWORD);
        if (!reply.startsWith("+OK")) {
            client.close();
            throw new AssertionError("PASS for " + user + ": " + reply);
        }
        return client;
    }

    /**
     * Runs a shell command as the attacker (the unprivileged user, through {@code setpriv}, when
     * we are root), in {@code dir}; it must succeed.
     */
    static void attacker(Path dir, String... command) {
        List<String> line = new ArrayList<>();
        if (ROOT) {
            line.addAll(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "--"));
        }
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(line + " did not finish");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(line + " exited " + process.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (Pop3Server server : servers) {
            server.close();
        }
    }
}
