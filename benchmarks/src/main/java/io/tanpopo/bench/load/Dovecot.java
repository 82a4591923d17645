package io.tanpopo.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dovecot's POP3 server with a private configuration ({@code dovecot -c FILE -F}), serving the
 * maildirs under {@code mailRoot/USER/Maildir} to the users {@code u0 …} with plain passwords. The
 * settings, and why each is fair, are in README.md; in short: login processes in high-performance
 * mode, limits raised so that no Dovecot limit binds before tanpopo's would, no TLS, logins
 * logged to a file as tanpopo logs them.
 */
final class Dovecot implements AutoCloseable {

    /** The owner of the mail files: Dovecot refuses to access mail as root. */
    static final String MAIL_USER = "nobody";

    static final int MAIL_UID = 65534;

    private final Process process;
    private final int port;

    private Dovecot(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Writes the configuration into {@code dir} and starts Dovecot; returns once it accepts connections. */
    static Dovecot start(Path dir, Path mailRoot, int users, int port, int sessionLimit) throws IOException {
        Files.createDirectories(dir);
        StringBuilder passwd = new StringBuilder();
        for (int i = 0; i < users; i++) {
            passwd.append('u')
                    .append(i)
                    .append(":{PLAIN}")
                    .append(ServerChild.PASSWORD)
                    .append('\n');
        }
        Files.writeString(dir.resolve("passwd"), passwd);
        Path conf = dir.resolve("dovecot.conf");
        Files.writeString(conf, config(dir, mailRoot, port, sessionLimit));
        Process process = new ProcessBuilder("dovecot", "-c", conf.toString(), "-F")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.out").toFile())
                .start();
        Dovecot dovecot = new Dovecot(process, port);
        try {
            Ports.awaitListening(port, process);
        } catch (IOException e) {
            dovecot.close();
            throw new IOException(e.getMessage() + "; see " + dir.resolve("dovecot.out") + " and dovecot.log", e);
        }
        return dovecot;
    }

    static String config(Path dir, Path mailRoot, int port, int sessionLimit) {
        int processes = sessionLimit + 100;
        return """
                # Written by the tanpopo load driver; see benchmarks/README.md.
                base_dir = %1$s/run
                log_path = %1$s/dovecot.log
                protocols = pop3
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain
                default_internal_user = dovecot
                default_login_user = dovenull
                first_valid_uid = %2$d
                mail_location = maildir:%3$s/%%u/Maildir
                # Dovecot's default of 10 sessions per user and address is an artificial limit here.
                mail_max_userip_connections = %4$d
                default_process_limit = %5$d
                default_client_limit = %4$d
                passdb {
                  driver = passwd-file
                  args = %1$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=%2$d gid=%2$d home=%3$s/%%u
                }
                service pop3-login {
                  inet_listener pop3 {
                    address = 127.0.0.1
                    port = %6$d
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                  # High-performance mode: long-lived login processes, one per core, each serving many.
                  service_count = 0
                  process_min_avail = %7$d
                  client_limit = %4$d
                }
                service pop3 {
                  process_limit = %5$d
                }
                """.formatted(
                        dir,
                        MAIL_UID,
                        mailRoot,
                        sessionLimit + 1000,
                        processes,
                        port,
                        Runtime.getRuntime().availableProcessors());
    }

    int port() {
        return port;
    }

    /** The master process and all its descendants (login, auth, pop3 … processes). */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        return all;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
