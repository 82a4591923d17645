package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.app.log.SessionSummaryLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service keys: defaults, and an error naming the key (and line) for each kind of bad value. */
class ServiceConfigTest {

    @TempDir
    Path dir;

    private static ServiceSettings read(String... lines) {
        return ServiceSettings.read(new Settings(ConfigFile.parse(List.of(lines), "t.properties")));
    }

    @Test
    void defaults() {
        ServiceSettings service = read();
        assertThat(service.limits().connections()).isEqualTo(1000);
        assertThat(service.limits().connectionsPerIp()).isEqualTo(50);
        assertThat(service.limits().sessionsPerUser()).isZero();
        assertThat(service.limits().ipv6Prefix()).isEqualTo(64);
        assertThat(service.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(service.proxy().trusted()).isEmpty();
        assertThat(service.popBeforeSmtp().enabled()).isFalse();
        assertThat(service.popBeforeSmtp().expiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(service.logFormat()).isEqualTo(SessionSummaryLog.Format.TEXT);
        assertThat(service.metrics().jmx()).isTrue();
        assertThat(service.metrics().http()).isEmpty();
    }

    @Test
    void goodValues_areRead() {
        ServiceSettings service = read(
                "limits.connections=0",
                "limits.ipv6-prefix=48",
                "proxy.trusted=10.0.0.0/8, 192.0.2.7, fd00::/8",
                "pop-before-smtp.dir=" + dir,
                "pop-before-smtp.expiry=30m",
                "log.format=json",
                "metrics.http.port=0",
                "metrics.jmx=false");
        assertThat(service.proxy().trusted()).hasSize(3);
        assertThat(service.limits().ipv6Prefix()).isEqualTo(48);
        assertThat(service.popBeforeSmtp().enabled()).isTrue();
        assertThat(service.logFormat()).isEqualTo(SessionSummaryLog.Format.JSON);
        assertThat(service.metrics().http().orElseThrow().getAddress().isLoopbackAddress())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "limits.connections=-1|t.properties:1: limits.connections must be 0 to 1000000, not -1",
                "limits.connections=many|t.properties:1: limits.connections must be a whole number, not 'many'",
                "limits.connections-per-ip=2000000|t.properties:1: limits.connections-per-ip must be 0 to 1000000, not 2000000",
                "limits.sessions-per-user=x|t.properties:1: limits.sessions-per-user must be a whole number, not 'x'",
                "limits.ipv6-prefix=0|t.properties:1: limits.ipv6-prefix must be 1 to 128, not 0",
                "limits.ipv6-prefix=129|t.properties:1: limits.ipv6-prefix must be 1 to 128, not 129",
                "shutdown.grace=soon|t.properties:1: shutdown.grace must be a duration like 500ms, 30s, 10m, 1h or 2d, not 'soon'",
                "shutdown.grace=2d|t.properties:1: shutdown.grace must be at most 1h, not 2d",
                "proxy.trusted=haproxy.example.org|t.properties:1: proxy.trusted entries must be IP addresses or address/prefix: 'haproxy.example.org' is not an IP address or address/prefix",
                "proxy.trusted=10.0.0.0/33|t.properties:1: proxy.trusted entries must be IP addresses or address/prefix: prefix /33 out of range 0..32",
                "proxy.header-timeout=0s|t.properties:1: proxy.header-timeout must be more than 0 and at most 5m",
                "pop-before-smtp.dir=/nonexistent/relay|t.properties:1: pop-before-smtp.dir must be a writable directory, not '/nonexistent/relay'",
                "pop-before-smtp.command=relay-ctrl-allow|t.properties:1: pop-before-smtp.command must start with an absolute program path, not 'relay-ctrl-allow'",
                "pop-before-smtp.command-timeout=10m|t.properties:1: pop-before-smtp.command-timeout must be 0.001s to 5m, not 10m",
                "pop-before-smtp.expiry=30s|t.properties:1: pop-before-smtp.expiry must be 1m to 168h, not 30s",
                "log.format=xml|t.properties:1: log.format must be one of text, json, not 'xml'",
                "metrics.jmx=perhaps|t.properties:1: metrics.jmx must be true or false, not 'perhaps'",
                "metrics.http.port=99999|t.properties:1: metrics.http.port must be 0 to 65535, not 99999",
            })
    void badValues_nameTheKeyAndLine(String line, String message) {
        assertThatThrownBy(() -> read(line)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void metricsBind_mustBeAnAddress() {
        assertThatThrownBy(() -> read("metrics.http.port=9100", "metrics.http.bind=localhost"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t.properties:2: metrics.http.bind must be an IP address, not 'localhost'");
    }

    @Test
    void checkConfig_validatesTheServiceKeys() throws Exception {
        Path config = dir.resolve("bad.properties");
        java.nio.file.Files.writeString(config, "log.format=xml\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = new Main(
                        java.io.InputStream.nullInputStream(),
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                        new java.io.PrintStream(err, true, StandardCharsets.UTF_8))
                .run(new String[] {"check-config", "--config", config.toString()});
        assertThat(status).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("log.format must be one of text, json");
    }
}
