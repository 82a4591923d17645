package io.tanpopo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway PostgreSQL 15 ({@code initdb} and {@code pg_ctl} of Debian's {@code postgresql-15})
 * with password authentication (SCRAM-SHA-256) for every connection, its superuser {@link #USER}
 * with {@link #PASSWORD}, and a database {@value LoopbackDatabase#DATABASE}.
 */
public final class PostgresDaemon implements LoopbackDatabase {

    public static final String BIN = "/usr/lib/postgresql/15/bin/";
    public static final String INITDB = BIN + "initdb";
    public static final String PG_CTL = BIN + "pg_ctl";
    public static final String USER = "tanpopo";
    public static final String PASSWORD = "pg-Secret-7";

    private final Path dir;
    private final Path data;
    private final Path log;
    private final int port;
    private final ProcessFreezer freezer;

    /** Creates a cluster in {@code dir} (a fresh temporary folder) and starts it. */
    public PostgresDaemon(Path dir) throws IOException {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("commands.log");
        this.port = LoopbackDatabase.freePort();
        this.freezer = new ProcessFreezer(data.resolve("postmaster.pid"), log);
        Files.createDirectories(data);
        Path passwordFile = Files.writeString(dir.resolve("superuser-password"), PASSWORD + "\n");
        MailUser.giveToMailUser(dir);
        LoopbackDatabase.run(
                asServer(
                        INITDB,
                        "-D",
                        data.toString(),
                        "-U",
                        USER,
                        "--auth=scram-sha-256",
                        "--pwfile=" + passwordFile,
                        "-E",
                        "UTF8",
                        "--no-locale",
                        "--no-sync"),
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
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void sql(String statements) throws IOException {
        String database = statements.startsWith("CREATE DATABASE") ? "postgres" : DATABASE;
        LoopbackDatabase.run(
                List.of(
                        BIN + "psql",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        USER,
                        "-d",
                        database,
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-q",
                        "-c",
                        statements),
                Map.of("PGPASSWORD", PASSWORD),
                log);
    }

    @Override
    public void start() throws IOException {
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -k " + data + " -c fsync=off";
        LoopbackDatabase.run(
                asServer(
                        PG_CTL,
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "-o",
                        options,
                        "start"),
                Map.of(),
                log);
    }

    @Override
    public void stop() throws IOException {
        LoopbackDatabase.run(asServer(PG_CTL, "-D", data.toString(), "-m", "fast", "-w", "stop"), Map.of(), log);
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
        if (Files.exists(data.resolve("postmaster.pid"))) {
            freezer.thawIfFrozen();
            LoopbackDatabase.run(
                    asServer(PG_CTL, "-D", data.toString(), "-m", "immediate", "-w", "stop"), Map.of(), log);
        }
    }

    private List<String> asServer(String... command) {
        return new ArrayList<>(MailUser.asMailUser(dir, command));
    }
}
