package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsWiringTest {

    private static TlsWiring wiring(String... lines) {
        return new TlsWiring(new Settings(ConfigFile.parse(List.of(lines), "t")));
    }

    @Test
    void noTlsKeys_generateForHostName() {
        assertThat(wiring().source("pop.example.test")).isEqualTo(new TlsConfig.Generated("pop.example.test"));
    }

    @Test
    void pemKeys_readIntoPemFiles() {
        assertThat(wiring("tls.cert=/etc/c.pem", "tls.key= /etc/k.pem ", "tls.key-password=pw")
                        .source("h"))
                .isEqualTo(new TlsConfig.PemFiles(Path.of("/etc/c.pem"), Path.of("/etc/k.pem"), Optional.of("pw")));
    }

    @Test
    void keystoreKeys_readIntoKeyStoreFile() {
        assertThat(wiring("tls.keystore=/etc/s.p12", "tls.keystore-password=pw").source("h"))
                .isEqualTo(new TlsConfig.KeyStoreFile(Path.of("/etc/s.p12"), "pw"));
    }

    @Test
    void contradictoryOrIncompleteKeys_failNamingTheKeyAndLine() {
        assertThatThrownBy(() -> wiring("tls.cert=c").source("h"))
                .hasMessage("tls.key must be set when tls.cert is set");
        assertThatThrownBy(() -> wiring("tls.key=k").source("h")).hasMessage("t:1: tls.key is set but tls.cert is not");
        assertThatThrownBy(() -> wiring("tls.keystore=s").source("h"))
                .hasMessage("tls.keystore-password must be set when tls.keystore is set");
        assertThatThrownBy(() -> wiring("tls.cert=c", "tls.key=k", "tls.keystore=s", "tls.keystore-password=p")
                        .source("h"))
                .hasMessage("t:3: tls.keystore cannot be set together with tls.cert; choose one");
        assertThatThrownBy(() -> wiring("tls.key-password=p").source("h"))
                .hasMessage("t:1: tls.key-password is set but tls.key is not");
    }

    @Test
    void badHandshakeTimeout_failsNamingTheKeyAndLine() {
        assertThatThrownBy(() -> new ServerWiring(
                                new Settings(ConfigFile.parse(List.of("tls.handshake-timeout=soon"), "t")))
                        .builder())
                .hasMessageStartingWith("t:1: tls.handshake-timeout must be a duration");
        assertThatThrownBy(
                        () -> new ServerWiring(new Settings(ConfigFile.parse(List.of("tls.handshake-timeout=0s"), "t")))
                                .builder())
                .hasMessageStartingWith("t:1: tls.handshake-timeout must be between 1ms and 10m");
        assertThatThrownBy(() -> new ServerWiring(
                                new Settings(ConfigFile.parse(List.of("tls.handshake-timeout=11m"), "t")))
                        .builder())
                .hasMessageStartingWith("t:1: tls.handshake-timeout must be between 1ms and 10m");
    }
}
