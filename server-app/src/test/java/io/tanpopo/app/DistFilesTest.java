package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaging files under src/main/dist agree with the code. */
class DistFilesTest {

    private static final Path SAMPLE = Path.of("src/main/dist/tanpopo.properties");
    private static final Path UNIT = Path.of("src/main/dist/tanpopo.service");

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
        assertThat(actual).as("src/main/dist/tanpopo.properties is stale: copy target/tanpopo.properties over it")
                .isEqualTo(expected);
        for (ConfigKey key : ConfigKeys.all()) {
            assertThat(actual).contains("\n#" + key.name() + "=");
        }
    }

    @Test
    void sampleProperties_areAValidConfiguration_onceUncommented() throws IOException {
        var lines = Files.readAllLines(SAMPLE).stream().filter(l -> l.matches("#[a-z0-9.-]+=.*"))
                .map(l -> l.substring(1)).toList();
        Settings settings = new Settings(ConfigFile.parse(lines, "sample"));
        new ServerWiring(settings).pop3Config();
        ServiceSettings.read(settings);
    }

    @Test
    void systemdUnit_runsTheJar_withTheConfig_andWaitsLongerThanTheGrace() throws IOException {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains(
                "ExecStart=/usr/bin/java -jar /opt/tanpopo/tanpopo.jar --config /etc/tanpopo/tanpopo.properties",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE", "NoNewPrivileges=yes", "ProtectSystem=strict");
        Matcher stop = Pattern.compile("TimeoutStopSec=([0-9]+)s").matcher(unit);
        assertThat(stop.find()).isTrue();
        Duration grace = Duration.ofSeconds(Long.parseLong(ConfigKeys.find("shutdown.grace").orElseThrow()
                .defaultValue().replace("s", "")));
        assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1)))).isGreaterThan(grace);
    }

    static String render() {
        StringBuilder out = new StringBuilder("""
                # tanpopo configuration: every key, commented out with its default.
                # Generated from ConfigKeys (DistFilesTest); the README's table says the same.
                # Any key can also be set by an environment variable: pop3.port as TANPOPO_POP3_PORT.
                """);
        for (ConfigKey key : ConfigKeys.all()) {
            out.append("\n# ").append(key.description()).append("\n# (").append(key.type())
                    .append(key.secret() ? "; secret, masked by check-config" : "").append(")\n#")
                    .append(key.name()).append('=').append(key.defaultValue()).append('\n');
        }
        return out.toString();
    }
}
