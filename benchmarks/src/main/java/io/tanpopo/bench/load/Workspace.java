package io.tanpopo.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch directory of one driver run: seeded maildirs (one tree per server, hard links to the
 * same files), and the servers started over them.
 */
final class Workspace {

    static final int SMALL_MESSAGES = 20;

    private final Path dir;
    private final List<String> serverJvm;

    Workspace(Path dir, List<String> extraServerJvm) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Shell.run("chmod", "755", dir.toString());
        Path logback = dir.resolve("logback-server.xml");
        Files.writeString(logback, """
                <configuration>
                  <!-- Servers log logins to a file, as Dovecot does. -->
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%X{session:--}] %%logger{0}: %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.mina" level="WARN"/>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.resolve("server-java.log")));
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-Dlogback.configurationFile=" + logback));
        jvm.addAll(extraServerJvm);
        this.serverJvm = List.copyOf(jvm);
    }

    Path dir() {
        return dir;
    }

    Path errors() {
        return dir.resolve("children.err");
    }

    /** A seed maildir of messages of these sizes. */
    Path seed(String name, List<Integer> sizes) throws IOException, InterruptedException {
        Path seed = dir.resolve("seed-" + name);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            messages.add(MailSeed.message(i, sizes.get(i)));
        }
        MailSeed.writeMaildir(seed, messages);
        return seed;
    }

    /** The 20 small messages (1–8 KB) of the session-rate measures. */
    static List<Integer> smallSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < SMALL_MESSAGES; i++) {
            sizes.add(1024 << (i % 4));
        }
        return sizes;
    }

    /** {@code users} copies of {@code seed} at {@code root/uN/Maildir}; owned by the mail user for Dovecot. */
    Path mailRoot(String name, Path seed, int users, boolean forDovecot) throws IOException, InterruptedException {
        Path root = dir.resolve(name);
        for (int i = 0; i < users; i++) {
            MailSeed.linkCopy(seed, root.resolve("u" + i).resolve("Maildir"));
        }
        if (forDovecot) {
            Shell.run("chown", "-R", Dovecot.MAIL_USER + ":", root.toString());
        }
        return root;
    }

    ServerJvm tanpopoMaildir(Path root, int users) throws IOException, InterruptedException {
        return tanpopoMaildir(root, users, serverJvm);
    }

    ServerJvm tanpopoMaildir(Path root, int users, List<String> jvm) throws IOException, InterruptedException {
        return ServerJvm.start(
                jvm, List.of("tanpopo-maildir", root + "/{user}/Maildir", Integer.toString(users)), errors());
    }

    ServerJvm tanpopoMemory(Path seed, int users) throws IOException, InterruptedException {
        return ServerJvm.start(
                serverJvm, List.of("tanpopo-memory", seed.toString(), Integer.toString(users)), errors());
    }

    /** In-memory tanpopo resolving client names with {@code strategies} ({@code none}: off), DNS at {@code dns}. */
    ServerJvm tanpopoResolving(String strategies, InetSocketAddress dns, int users)
            throws IOException, InterruptedException {
        return ServerJvm.start(
                serverJvm,
                List.of(
                        "tanpopo-resolving",
                        strategies,
                        Integer.toString(users),
                        dns.getAddress().getHostAddress() + ":" + dns.getPort()),
                errors());
    }

    ServerJvm greenMail(Path seed, int users) throws IOException, InterruptedException {
        return ServerJvm.start(serverJvm, List.of("greenmail", seed.toString(), Integer.toString(users)), errors());
    }

    /** tanpopo's maildir store and Dovecot, each over its own copy of {@code seed} ({@code measure}: "m1"). */
    TanpopoAndDovecot tanpopoAndDovecot(String measure, Path seed, int users) throws IOException, InterruptedException {
        Path dRoot = mailRoot(measure + "-dovecot", seed, users, true);
        ServerJvm tanpopo = tanpopoMaildir(mailRoot(measure + "-tanpopo", seed, users, false), users);
        try {
            return new TanpopoAndDovecot(tanpopo, dovecot(measure + "-dovecot-conf", dRoot, users, 1000));
        } catch (IOException e) {
            tanpopo.close();
            throw e;
        }
    }

    /** The two maildir servers of a measure; closing stops both. */
    record TanpopoAndDovecot(ServerJvm tanpopo, Dovecot dovecot) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            try (ServerJvm first = tanpopo) {
                dovecot.close();
            }
        }
    }

    Dovecot dovecot(String name, Path root, int users, int sessionLimit) throws IOException {
        return Dovecot.start(dir.resolve(name), root, users, Ports.free(), sessionLimit);
    }
}
