package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configuration whose password line lost its key stops the real program (a child JVM
 * with the app's own logging) naming the line's number; the password appears in nothing it
 * prints or logs.
 */
class ConfigSecretNotEchoedTest {

    private static final String SECRET = "Tr0ub4dor-and-3";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"serve", "check-config"})
    void passwordWithoutKey_stopsStartUp_namingTheLineOnly(String command) throws Exception {
        Path config = dir.resolve("tanpopo.properties");
        Files.writeString(config, "pop3.port=0\ntls.key-password=\n" + SECRET + "\n");
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dlogback.configurationFile=logback.xml",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        command,
                        "--config",
                        config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String printed = read(output);
        assertThat(process.exitValue()).as(printed).isEqualTo(78);
        assertThat(printed).contains(config + ":3: expected key=value").doesNotContain(SECRET);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
