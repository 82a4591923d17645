package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsConfigTest {

    @Test
    void noTlsKeys_generateForHostName_withDefaultTimeout() {
        TlsConfig config = TlsProperties.read(Map.of(), "pop.example.test");
        assertThat(config.source()).isEqualTo(new TlsConfig.Generated("pop.example.test"));
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pemKeys_readIntoPemFiles() {
        TlsConfig config = TlsProperties.read(Map.of("tls.cert", "/etc/c.pem", "tls.key", " /etc/k.pem ",
                "tls.key-password", "pw", "tls.handshake-timeout", "500ms"), "h");
        assertThat(config.source()).isEqualTo(
                new TlsConfig.PemFiles(Path.of("/etc/c.pem"), Path.of("/etc/k.pem"), Optional.of("pw")));
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void keystoreKeys_readIntoKeyStoreFile() {
        TlsConfig config = TlsProperties.read(Map.of("tls.keystore", "/etc/s.p12", "tls.keystore-password", "pw",
                "tls.handshake-timeout", "PT2M"), "h");
        assertThat(config.source()).isEqualTo(new TlsConfig.KeyStoreFile(Path.of("/etc/s.p12"), "pw"));
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void handshakeTimeout_acceptsSecondsMinutesAndBareNumbers() {
        assertThat(TlsProperties.parseDuration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(TlsProperties.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(TlsProperties.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void contradictoryOrIncompleteKeys_failNamingTheKey() {
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.cert", "c"), "h"))
                .hasMessage("tls.key must be set when tls.cert is set");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.key", "k"), "h"))
                .hasMessage("tls.key is set but tls.cert is not");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.keystore", "s"), "h"))
                .hasMessage("tls.keystore-password must be set when tls.keystore is set");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.cert", "c", "tls.key", "k", "tls.keystore", "s",
                "tls.keystore-password", "p"), "h"))
                .hasMessage("set either tls.cert/tls.key or tls.keystore, not both");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.key-password", "p"), "h"))
                .hasMessage("tls.key-password is set but tls.key is not");
    }

    @Test
    void badHandshakeTimeout_failsNamingTheKey() {
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.handshake-timeout", "soon"), "h"))
                .hasMessageStartingWith("tls.handshake-timeout is not a duration");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.handshake-timeout", "0s"), "h"))
                .hasMessageStartingWith("tls.handshake-timeout must be between 1ms and 10m");
        assertThatThrownBy(() -> TlsProperties.read(Map.of("tls.handshake-timeout", "11m"), "h"))
                .hasMessageStartingWith("tls.handshake-timeout must be between 1ms and 10m");
    }

    @Test
    void badHostName_forGeneratedCertificate_isRejected() {
        assertThatThrownBy(() -> TlsConfig.generated("bad host"))
                .hasMessageContaining("not a DNS name: 'bad host'");
    }

    @Test
    void toString_neverShowsPasswords() {
        assertThat(new TlsConfig.PemFiles(Path.of("c"), Path.of("k"), Optional.of("hunter2")).toString())
                .doesNotContain("hunter2").contains("key-password=***");
        assertThat(new TlsConfig.KeyStoreFile(Path.of("s"), "hunter2").toString()).doesNotContain("hunter2");
    }
}
