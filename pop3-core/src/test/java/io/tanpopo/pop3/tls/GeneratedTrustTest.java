package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedTrustTest {

    private static TlsContextProvider provider;
    private static TlsEchoServer server;

    @BeforeAll
    static void startServer() throws Exception {
        provider = TlsContextProvider.create(TlsConfig.generated("pop.example.test"), Clock.systemUTC());
        server = TlsEchoServer.start(provider);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void generatedCertificate_namesLocalhostHostAndLoopbackAddresses() throws Exception {
        X509Certificate leaf = provider.certificateChain().get(0);
        List<Object> names = leaf.getSubjectAlternativeNames().stream()
                .<Object>map(n -> n.get(1))
                .toList();
        assertThat(names).containsExactlyInAnyOrder("localhost", "pop.example.test", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        X509Certificate ca = provider.generatedTrust().orElseThrow().caCertificate();
        leaf.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
    }

    @Test
    void generatedCertificate_validFromOneDayBackToThirtyDaysAhead() throws Exception {
        Instant now = Instant.parse("2030-01-15T12:00:00Z");
        TlsContextProvider fixed =
                TlsContextProvider.create(TlsConfig.generated("localhost"), Clock.fixed(now, java.time.ZoneOffset.UTC));
        X509Certificate leaf = fixed.certificateChain().get(0);
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofDays(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(30)));
    }

    @Test
    void javaClient_trustingGeneratedCa_verifiesLocalhost() throws Exception {
        try (Pop3Wire tls = Pop3Wire.open(server.port())
                .startTls(provider.generatedTrust().orElseThrow().clientSslContext(), "localhost")) {
            assertThat(tls.command("hello")).isEqualTo("hello");
            assertThat(tls.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void javaClient_verifiesConfiguredHostNameAndLoopbackIp() throws Exception {
        var context = provider.generatedTrust().orElseThrow().clientSslContext();
        try (Pop3Wire tls = Pop3Wire.open(server.port()).startTls(context, "pop.example.test")) {
            assertThat(tls.command("a")).isEqualTo("a");
        }
        try (Pop3Wire tls = Pop3Wire.open(server.port()).startTls(context, "127.0.0.1")) {
            assertThat(tls.command("b")).isEqualTo("b");
        }
    }

    @Test
    void javaClient_wrongHostName_failsVerification() {
        var context = provider.generatedTrust().orElseThrow().clientSslContext();
        assertThatThrownBy(() -> Pop3Wire.open(server.port()).startTls(context, "wrong.example.test"))
                .cause()
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("wrong.example.test");
    }

    @Test
    void javaClient_withDefaultTrust_rejectsGeneratedCertificate() throws Exception {
        assertThatThrownBy(
                        () -> Pop3Wire.open(server.port()).startTls(javax.net.ssl.SSLContext.getDefault(), "localhost"))
                .cause()
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void writeTrustStore_writesLoadablePkcs12WithTheCa(@TempDir Path dir) throws Exception {
        GeneratedTrust trust = provider.generatedTrust().orElseThrow();
        GeneratedTrust.TrustStoreFile file = trust.writeTrustStore(dir.resolve("trust.p12"));
        KeyStore store = KeyStore.getInstance(file.type());
        try (InputStream in = Files.newInputStream(file.path())) {
            store.load(in, file.password().toCharArray());
        }
        assertThat(store.getCertificate(store.aliases().nextElement())).isEqualTo(trust.caCertificate());
    }

    @Test
    void caPem_isUsableByAJavaClient(@TempDir Path dir) throws Exception {
        GeneratedTrust trust = provider.generatedTrust().orElseThrow();
        assertThat(trust.caPem()).startsWith("-----BEGIN CERTIFICATE-----");
        Path pem = trust.writeCaPem(dir.resolve("ca.pem"));
        try (Pop3Wire tls = Pop3Wire.open(server.port()).startTls(PemTrust.sslContext(pem), "localhost")) {
            assertThat(tls.command("pem")).isEqualTo("pem");
        }
    }
}
