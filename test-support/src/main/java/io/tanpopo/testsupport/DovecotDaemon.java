package io.tanpopo.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Dovecot, as the old server of a migration test (master, pop3-login, auth, pop3) with a private config on a
 * free loopback port, serving alice's maildir ({@code pop3_uidl_format} as given) with a
 * passwd-file holding her password. Mail access as nobody; the master runs as the test (root
 * in CI), started and stopped here by its process handle.
 */
public final class DovecotDaemon implements AutoCloseable {

    public static final String PASSWORD = "secret";

    private final Path home;
    private final Path ldaConfig;
    private final int port;
    private final Process master;

    public DovecotDaemon(Path home, Path maildir, String uidlFormat) throws IOException {
        this.home = home;
        this.port = freePort();
        Path config = home.resolve("dovecot.conf");
        Path lda = Files.createDirectories(home.resolve("lda"));
        this.ldaConfig = Files.writeString(
                lda.resolve("lda.conf"),
                String.join(
                        "\n", // the LDA runs as the mail user
                        "mail_location = maildir:" + maildir,
                        "base_dir = " + lda.resolve("run"),
                        "state_dir = " + lda.resolve("state"),
                        "log_path = " + lda.resolve("lda.log"),
                        "ssl = no",
                        ""));
        MailUser.giveToMailUser(lda);
        Files.writeString(home.resolve("passwd"), "alice:{PLAIN}" + PASSWORD + "\n");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "protocols = pop3",
                        "listen = 127.0.0.1",
                        "base_dir = " + home.resolve("run"),
                        "state_dir = " + home.resolve("state"),
                        "log_path = " + log(),
                        "ssl = no",
                        "disable_plaintext_auth = no",
                        "auth_mechanisms = plain",
                        "first_valid_uid = 1",
                        "passdb {",
                        "  driver = passwd-file",
                        "  args = " + home.resolve("passwd"),
                        "}",
                        "userdb {",
                        "  driver = static",
                        "  args = uid=" + MailUser.uid() + " gid=" + MailUser.gid() + " home=" + maildir.getParent(),
                        "}",
                        MailUser.unprivilegedServiceUsers(),
                        "mail_location = maildir:" + maildir,
                        "service pop3-login {",
                        "  inet_listener pop3 {",
                        "    address = 127.0.0.1",
                        "    port = " + port,
                        "  }",
                        "}",
                        "service anvil {",
                        "  chroot =",
                        "}",
                        "pop3_uidl_format = " + uidlFormat,
                        ""));
        master = new ProcessBuilder("/usr/sbin/dovecot", "-F", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("dovecot.out").toFile())
                .start();
        Await.until(Duration.ofSeconds(20), "Dovecot listening on " + port, this::listening);
    }

    public int port() {
        return port;
    }

    /** Dovecot's LDA, as the mail user, delivering its input to the maildir (own config and log). */
    public List<String> lda() {
        return MailUser.asMailUser(
                home, "/usr/lib/dovecot/dovecot-lda", "-c", ldaConfig.toString(), "-f", "sender@example.org");
    }

    /** How many logins Dovecot has logged. */
    public long logins() throws IOException {
        return Files.readString(log())
                .lines()
                .filter(line -> line.contains("Login: user=<alice>"))
                .count();
    }

    /** The LDA's log, and the server's. */
    public String logs() throws IOException {
        Path lda = home.resolve("lda/lda.log");
        return Files.readString(log()) + (Files.exists(lda) ? Files.readString(lda) : "");
    }

    public Path log() {
        return home.resolve("dovecot.log");
    }

    private boolean listening() {
        if (!master.isAlive()) {
            throw new IllegalStateException("dovecot exited: " + read(home.resolve("dovecot.out")) + read(log()));
        }
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return probe.getInputStream().read() == '+';
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        master.destroy(); // SIGTERM: the master stops its children
        if (!master.waitFor(20, TimeUnit.SECONDS)) {
            master.destroyForcibly();
        }
        List.of(master.descendants().toArray(ProcessHandle[]::new)).forEach(ProcessHandle::destroyForcibly);
    }
}
