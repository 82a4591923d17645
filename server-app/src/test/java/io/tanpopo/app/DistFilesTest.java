package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaging files under src/main/dist agree with the code. */
class DistFilesTest {

    private static final Path SAMPLE = Path.of("src/main/dist/tanpopo.properties");
    private static final Path UNIT = Path.of("src/main/dist/tanpopo.service");

    @TempDir
    Path dir;

    /**
     * The sample configuration is generated from {@link ConfigKeys}: every key, commented out with
     * its default. When a key is added, this test writes the new sample to target/ to copy over.
     */
    @Test
    void sampleProperties_listEveryKeyCommentedWithItsDefault() throws IOException {
        String expected = render();
        String actual = Files.exists(SAMPLE) ? Files.readString(SAMPLE) : "";
        if (!actual.equals(expected)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/tanpopo.properties"), expected);
        }
        assertThat(actual)
                .as("src/main/dist/tanpopo.properties is stale: copy target/tanpopo.properties over it")
                .isEqualTo(expected);
        for (ConfigKey key : ConfigKeys.all()) {
            assertThat(actual).contains("\n#" + key.name() + "=");
        }
    }

    @Test
    void sampleProperties_areAValidConfiguration_onceUncommented() throws IOException {
        var lines = Files.readAllLines(SAMPLE).stream()
                .filter(l -> l.matches("#[a-z0-9.-]+=.*"))
                .map(l -> l.substring(1))
                .toList();
        Settings settings = new Settings(ConfigFile.parse(lines, "sample"));
        new ServerWiring(settings).pop3Config();
        ServiceSettings.read(settings);
    }

    @Test
    void systemdUnit_runsTheJar_withTheConfig_andWaitsLongerThanTheGrace() throws IOException {
        String unit = Files.readString(UNIT);
        assertThat(unit)
                .contains(
                        "ExecStart=/usr/bin/java -XX:+ExitOnOutOfMemoryError -jar /opt/tanpopo/lib/tanpopo.jar"
                                + " --config /etc/tanpopo/tanpopo.properties",
                        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict");
        Matcher stop = Pattern.compile("TimeoutStopSec=([0-9]+)s").matcher(unit);
        assertThat(stop.find()).isTrue();
        Duration grace = Duration.ofSeconds(Long.parseLong(
                ConfigKeys.find("shutdown.grace").orElseThrow().defaultValue().replace("s", "")));
        assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1)))).isGreaterThan(grace);
    }

    @Test
    void systemdUnit_restartsOnFailure_andDocumentsWithTheInstalledDocs() throws IOException {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("\nRestart=on-failure\n");
        // /opt/tanpopo is the distribution archive unpacked, as the unit's comment says; the archive
        // takes these pages from the top of the source tree (DistArchiveIT checks the archive itself).
        assertThat(unit).contains("Unpack the distribution archive as /opt/tanpopo");
        List<Path> pages = documentation(unit, Path.of(".."));
        assertThat(pages).containsExactly(Path.of("../README.md"), Path.of("../docs/operations.md"));
        assertThat(pages).allSatisfy(page -> assertThat(page).isRegularFile());
    }

    /**
     * The unit's {@code Documentation=} URIs, which must all be {@code file:/opt/tanpopo/...}, as
     * paths under {@code installation} in place of /opt/tanpopo.
     */
    static List<Path> documentation(String unit, Path installation) {
        Matcher line = Pattern.compile("\nDocumentation=(.+)\n").matcher(unit);
        assertThat(line.find()).isTrue();
        List<Path> pages = new ArrayList<>();
        for (String uri : line.group(1).trim().split("\\s+")) {
            assertThat(uri).startsWith("file:/opt/tanpopo/");
            pages.add(installation.resolve(uri.substring("file:/opt/tanpopo/".length())));
        }
        return pages;
    }

    @Test
    @RequiresProgram(value = "systemd-analyze", debianPackage = "systemd")
    void systemdUnit_passesSystemdAnalyzeVerify_withoutAWarning() throws Exception {
        Path copy = dir.resolve("tanpopo.service");
        Files.copy(UNIT, copy);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", copy.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    /**
     * The unit's JVM options, given to a program that catches an OutOfMemoryError in one thread and
     * lingers (as a server whose worker died would), end the JVM at the error with status 3, so that
     * Restart=on-failure takes over. Without the option the program prints "survived" and lives on.
     */
    @Test
    void systemdUnit_jvmOptions_endTheJvmAtTheFirstOutOfMemoryError() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(unitJvmOptions());
        command.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), HalfDead.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("the JVM exits at the OutOfMemoryError")
                    .isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output)
                    .contains("Terminating due to java.lang.OutOfMemoryError")
                    .doesNotContain("survived");
            assertThat(process.exitValue()).isEqualTo(3);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The options between {@code java} and {@code -jar} on the unit's ExecStart line. */
    private static List<String> unitJvmOptions() throws IOException {
        Matcher exec = Pattern.compile("\nExecStart=(.*)\n").matcher(Files.readString(UNIT));
        assertThat(exec.find()).isTrue();
        List<String> words = Arrays.asList(exec.group(1).trim().split("\\s+"));
        assertThat(words).contains("-jar");
        return words.subList(1, words.indexOf("-jar"));
    }

    /**
     * Runs out of memory in one thread, survives it, and lingers until its input ends (the test
     * destroys it): a server whose worker died but whose process lives on.
     */
    static final class HalfDead {
        public static void main(String[] args) throws InterruptedException, IOException {
            Thread hog = new Thread(() -> {
                List<long[]> blocks = new ArrayList<>();
                try {
                    for (int i = 0; i < 100_000; i++) {
                        blocks.add(new long[1 << 20]);
                    }
                } catch (OutOfMemoryError e) {
                    blocks.clear();
                }
            });
            hog.start();
            hog.join();
            System.out.println("survived");
            System.in.read(); // blocks: the test's pipe stays open until it destroys this process
        }
    }

    static String render() {
        StringBuilder out = new StringBuilder("""
                # tanpopo configuration: every key, commented out with its default.
                # Generated from ConfigKeys (DistFilesTest); docs/configuration.md's table says the same.
                # Any key can also be set by an environment variable: pop3.port as TANPOPO_POP3_PORT.
                """);
        for (ConfigKey key : ConfigKeys.all()) {
            out.append("\n# ")
                    .append(key.description())
                    .append("\n# (")
                    .append(key.type())
                    .append(key.secret() ? "; secret, masked by check-config" : "")
                    .append(")\n#")
                    .append(key.name())
                    .append('=')
                    .append(key.defaultValue())
                    .append('\n');
        }
        return out.toString();
    }
}
