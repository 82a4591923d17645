package io.tanpopo.app;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testsupport.RequiresProgram;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive that {@code mvn package} built, unpacked with tar and run through its
 * {@code bin/tanpopo} as an operator would (failsafe runs this after package; the archive's path
 * and the version come from the pom).
 */
@RequiresProgram(value = "tar", debianPackage = "tar")
class DistArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("tanpopo.dist.archive", "target/missing.tar.gz"));
    private static final String VERSION = System.getProperty("tanpopo.version", "unknown");

    @TempDir
    Path dir;

    /** The unpacked top directory, tanpopo-VERSION. */
    private Path home;

    @BeforeEach
    void unpack() throws Exception {
        assertThat(ARCHIVE).as("the archive built by mvn package").isRegularFile();
        Path into = Files.createDirectory(dir.resolve("opt"));
        Run tar = run(List.of("tar", "-xpzf", ARCHIVE.toString(), "-C", into.toString()), Map.of(), dir);
        assertThat(tar.status()).as(tar.output()).isZero();
        try (Stream<Path> top = Files.list(into)) {
            assertThat(top).as("one top directory").containsExactly(into.resolve("tanpopo-" + VERSION));
        }
        home = into.resolve("tanpopo-" + VERSION);
    }

    @Test
    void archive_holdsScriptJarConfigUnitAndDocs_andNothingElse() throws IOException {
        Map<String, Path> expected = new TreeMap<>(Map.of(
                "bin/tanpopo",
                Path.of("src/main/dist/bin/tanpopo"),
                "lib/tanpopo.jar",
                Path.of("target/tanpopo.jar"),
                "conf/tanpopo.properties",
                Path.of("src/main/dist/tanpopo.properties"),
                "systemd/tanpopo.service",
                Path.of("src/main/dist/tanpopo.service")));
        for (String source : List.of("README.md", "LICENSE", "CHANGELOG.md", "docs", "contrib/fail2ban")) {
            try (Stream<Path> files = Files.walk(Path.of("..", source))) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !source.equals("docs") || f.toString().endsWith(".md"))
                        .forEach(f -> expected.put(Path.of("..").relativize(f).toString(), f));
            }
        }
        assertThat(expected).containsKeys("docs/operations.md", "contrib/fail2ban/jail.d/tanpopo.conf");
        try (Stream<Path> unpacked = Files.walk(home)) {
            assertThat(unpacked.filter(Files::isRegularFile)
                            .map(f -> home.relativize(f).toString()))
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        expected.forEach(
                (name, source) -> assertThat(home.resolve(name)).as(name).hasSameBinaryContentAs(source));
    }

    /** auth=sql needs nothing beside the jar: the pool and both drivers are in it, each registered as a driver. */
    @Test
    void jar_holdsThePoolAndTheJdbcDrivers_registeredForDriverManager() throws IOException {
        try (JarFile jar = new JarFile(home.resolve("lib/tanpopo.jar").toFile())) {
            for (String type : List.of(
                    "com/zaxxer/hikari/HikariDataSource.class",
                    "org/postgresql/Driver.class",
                    "org/mariadb/jdbc/Driver.class")) {
                assertThat(jar.getEntry(type)).as(type).isNotNull();
            }
            String drivers = new String(
                    jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(drivers.lines().map(String::strip)).contains("org.postgresql.Driver", "org.mariadb.jdbc.Driver");
        }
    }

    /** The service jar is the server and its backends: no test kit, no JUnit (they are tanpopo-testkit's). */
    @Test
    void jar_holdsNoTestKitAndNoJUnitClass() throws IOException {
        List<String> entries;
        try (ZipFile jar = new ZipFile(home.resolve("lib/tanpopo.jar").toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries).contains("io/tanpopo/pop3/Pop3Server.class", "io/tanpopo/app/Main.class");
        assertThat(entries)
                .filteredOn(name -> name.startsWith("io/tanpopo/testkit/")
                        || name.startsWith("io/tanpopo/pop3/testkit/")
                        || name.startsWith("io/tanpopo/pop3/junit/")
                        || name.startsWith("org/junit/")
                        || name.startsWith("org/opentest4j/"))
                .isEmpty();
    }

    /**
     * Unpacked with the archive's own modes (tar -p): only the script is executable, and every
     * file is readable by all and writable by its owner only.
     */
    @Test
    void archive_modes_scriptExecutable_nothingWritableByOthers() throws IOException {
        try (Stream<Path> unpacked = Files.walk(home)) {
            for (Path file : unpacked.filter(Files::isRegularFile).toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                assertThat(mode)
                        .as(file.toString())
                        .doesNotContain(GROUP_WRITE, OTHERS_WRITE)
                        .contains(OWNER_READ, OTHERS_READ);
                boolean script = file.equals(home.resolve("bin/tanpopo"));
                assertThat(mode.containsAll(Set.of(OWNER_EXECUTE, GROUP_EXECUTE, OTHERS_EXECUTE)))
                        .as(file.toString())
                        .isEqualTo(script);
            }
        }
    }

    /** Documentation= in the unit names pages that the archive, unpacked as /opt/tanpopo, holds. */
    @Test
    void unitDocumentation_pointsAtPagesTheArchiveInstalls() throws IOException {
        List<Path> pages = DistFilesTest.documentation(Files.readString(home.resolve("systemd/tanpopo.service")), home);
        assertThat(pages).isNotEmpty().allSatisfy(page -> assertThat(page).isRegularFile());
    }

    @Test
    void version_printsTheProjectVersion() throws Exception {
        Run version = run(List.of(home.resolve("bin/tanpopo").toString(), "version"), java(), dir);
        assertThat(version.status()).as(version.output()).isZero();
        assertThat(version.output()).isEqualTo("tanpopo " + VERSION + "\n");
    }

    /** Run through a relative link to an absolute link to the script, as from /usr/local/bin. */
    @Test
    void script_runThroughSymlinks_findsItsInstallation() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr/local/bin"));
        Files.createSymbolicLink(dir.resolve("tanpopo-link"), home.resolve("bin/tanpopo"));
        Path relative = Files.createSymbolicLink(bin.resolve("tanpopo"), Path.of("../../../tanpopo-link"));
        Run version = run(List.of(relative.toString(), "version"), java(), bin);
        assertThat(version.status()).as(version.output()).isZero();
        assertThat(version.output()).isEqualTo("tanpopo " + VERSION + "\n");
    }

    /**
     * JAVA_OPTS is split into several options and not globbed: a file in the working directory
     * that the pattern would match leaves the option as written.
     */
    @Test
    void javaOpts_areSplitIntoOptions_butNotGlobbed() throws Exception {
        Files.writeString(dir.resolve("-Dtanpopo.probe=aXb"), "");
        Map<String, String> environment = new HashMap<>(java());
        environment.put("JAVA_OPTS", "-XshowSettings:properties  -Dtanpopo.probe=a*b");
        Run version = run(List.of(home.resolve("bin/tanpopo").toString(), "version"), environment, dir);
        assertThat(version.status()).as(version.output()).isZero();
        assertThat(version.output()).contains("tanpopo.probe = a*b", "tanpopo " + VERSION + "\n");
    }

    /**
     * The script execs the JVM (no shell left between), which serves a real login from the
     * configuration given, and SIGTERM to the started process stops it gracefully.
     */
    @Test
    void serve_fromTheArchive_servesALogin_andStopsOnSigterm() throws Exception {
        Path maildir = dir.resolve("mail/alice/Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(maildir.resolve("new/1700000000.M1P1.host"), "Subject: hi\n\n.dot line\nbody\n");
        Path config = TestConfig.write(
                dir,
                "tanpopo.properties",
                "pop3.port=0",
                "tls.enabled=false",
                "auth.users=alice:secret",
                "store=maildir",
                "store.maildir.path=" + dir + "/mail/{user}/Maildir",
                "resolver.strategies=none",
                "metrics.jmx=false",
                "shutdown.grace=1s");
        List<String> command = List.of(home.resolve("bin/tanpopo").toString(), "--config", config.toString());
        try (ServerProcess server = ServerProcess.start(command, dir.resolve("server.log"), java())) {
            List<ProcessHandle> children = server.process().descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            assertThat(children).as("a shell waiting for a child JVM").isEmpty();
            assertThat(server.process().info().command())
                    .hasValueSatisfying(c -> assertThat(c).endsWith("/java"));
            assertThat(firstMessage(server.port())).contains(".dot line", "body");
            assertThat(server.stop()).as(server.log()).isTrue();
            assertThat(server.log()).contains("stopped listening on 127.0.0.1");
            assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static String firstMessage(int port) throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.connectiontimeout", "5000");
        props.put("mail.pop3.timeout", "10000");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect("127.0.0.1", port, "alice", "secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message message = inbox.getMessage(1);
            String text = new String(message.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            inbox.close(false);
            return text;
        } finally {
            store.close();
        }
    }

    /** The JVM running these tests, for the script to run (its JAVA_HOME branch). */
    private static Map<String, String> java() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA", "");
    }

    private Run run(List<String> command, Map<String, String> environment, Path workingDirectory) throws Exception {
        Path output = Files.createTempFile(dir, "output", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("%s ends within 60 s", command)
                    .isTrue();
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            process.destroyForcibly();
        }
    }

    /** A finished command's status and its merged output. */
    private record Run(int status, String output) {}
}
