package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsConfigTest {

    @Test
    void badHostName_forGeneratedCertificate_isRejected() {
        assertThatThrownBy(() -> TlsConfig.generated("bad host")).hasMessageContaining("not a DNS name: 'bad host'");
    }

    @Test
    void toString_neverShowsPasswords() {
        assertThat(new TlsConfig.PemFiles(Path.of("c"), Path.of("k"), Optional.of("hunter2")).toString())
                .doesNotContain("hunter2")
                .contains("key-password=***");
        assertThat(new TlsConfig.KeyStoreFile(Path.of("s"), "hunter2").toString())
                .doesNotContain("hunter2");
    }
}
