package io.tanpopo.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB 10.11 ({@code mariadb-install-db} and {@code mariadbd} of Debian's
 * {@code mariadb-server}), its root reached over its own socket by {@link #sql}, a database
 * {@value LoopbackDatabase#DATABASE}, and TCP on 127.0.0.1 for the code under test, which logs in
 * as a user the test creates.
 */
public final class MariaDbDaemon implements LoopbackDatabase {

    public static final String MARIADBD = "/usr/sbin/mariadbd";

    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final ProcessFreezer freezer;
    private Process server;

    /** Creates a data directory in {@code dir} (a fresh temporary folder) and starts the server. */
    public MariaDbDaemon(Path dir) throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("commands.log");
        this.port = LoopbackDatabase.freePort();
        this.freezer = new ProcessFreezer(data.resolve("mariadbd.pid"), log);
        Files.createDirectories(data);
        MailUser.giveToMailUser(dir);
        LoopbackDatabase.run(
                MailUser.asMailUser(
                        dir,
                        "/usr/bin/mariadb-install-db",
                        "--no-defaults",
                        "--datadir=" + data,
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db"),
                Map.of(),
                log);
        start();
        sql("CREATE DATABASE " + DATABASE);
    }

    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        // Connector/J 4 asks for TLS unless told otherwise; this server has none.
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE + "?sslMode=disable";
    }

    @Override
    public void sql(String statements) throws IOException {
        String database = statements.startsWith("CREATE DATABASE") ? "mysql" : DATABASE;
        LoopbackDatabase.run(
                List.of(
                        "/usr/bin/mariadb",
                        "--no-defaults",
                        "-S",
                        socket().toString(),
                        "-u",
                        "root",
                        database,
                        "-e",
                        statements),
                Map.of(),
                log);
    }

    @Override
    public void start() throws IOException {
        server = new ProcessBuilder(MailUser.asMailUser(
                        dir,
                        MARIADBD,
                        "--no-defaults",
                        "--datadir=" + data,
                        "--socket=" + socket(),
                        "--port=" + port,
                        "--bind-address=127.0.0.1",
                        "--skip-name-resolve",
                        "--pid-file=" + data.resolve("mariadbd.pid"),
                        "--log-error=" + dir.resolve("server.log")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Await.until(Duration.ofSeconds(60), "MariaDB listening on " + port, this::listening);
    }

    @Override
    public void stop() throws IOException {
        if (server == null) {
            return;
        }
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy(); // SIGTERM: a clean shutdown
        try {
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Await.until(
                Duration.ofSeconds(60),
                "MariaDB stopped",
                () -> !server.toHandle().isAlive() && server.descendants().noneMatch(ProcessHandle::isAlive));
        server = null;
    }

    @Override
    public void freeze() throws IOException {
        freezer.freeze();
    }

    @Override
    public void thaw() throws IOException {
        freezer.thaw();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            freezer.thawIfFrozen();
            stop();
        }
    }

    private Path socket() {
        return data.resolve("mariadbd.sock");
    }

    private boolean listening() {
        if (!server.isAlive()) {
            throw new IllegalStateException("mariadbd exited; see " + dir.resolve("server.log"));
        }
        try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return Files.exists(socket());
        } catch (IOException notYet) {
            return false;
        }
    }
}
