package io.tanpopo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the start-up log and {@code doctor} tell an operator about plaintext logins. */
class CleartextAdviceTest {

    private static Settings settings(String... lines) {
        return new Settings(ConfigFile.parse(List.of(lines), "t"));
    }

    @Test
    void lanBind_withTheDefaults_namesTheRefusal_andBothWaysOut() {
        assertThat(CleartextAdvice.of(settings("pop3.bind=10.0.0.100")))
                .hasValueSatisfying(advice -> assertThat(advice)
                        .contains(
                                "are refused from clients other than loopback (auth.cleartext=loopback)",
                                "STLS with a real certificate (tls.cert and tls.key; the generated one is trusted by no client)",
                                "or auth.cleartext=always"));
    }

    @Test
    void lanBind_withACertificate_saysClientsUseStls() {
        assertThat(CleartextAdvice.of(settings("pop3.bind=::", "tls.cert=/c.pem", "tls.key=/k.pem")))
                .hasValueSatisfying(advice -> assertThat(advice).contains("clients use STLS or port pop3s.port"));
    }

    @Test
    void loopbackBind_orCleartextChosen_needsNoAdvice() {
        assertThat(CleartextAdvice.of(settings())).isEmpty();
        assertThat(CleartextAdvice.of(settings("pop3.bind=127.0.0.2"))).isEmpty();
        assertThat(CleartextAdvice.of(settings("pop3.bind=::1"))).isEmpty();
        assertThat(CleartextAdvice.of(settings("pop3.bind=0.0.0.0", "auth.cleartext=always")))
                .isEmpty();
        assertThat(CleartextAdvice.of(settings("pop3.bind=0.0.0.0", "auth.cleartext=never")))
                .isEmpty();
    }
}
