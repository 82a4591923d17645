package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads key material that {@code openssl} made, in every supported format, and checks the error messages. */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
class KeyMaterialLoadingTest {

    @TempDir
    static Path dir;

    private static OpenSsl openSsl;
    private static OpenSsl.Issued root;
    private static OpenSsl.Issued intermediate;
    private static OpenSsl.Issued rsaLeaf;
    private static OpenSsl.Issued ecLeaf;
    private static OpenSsl.Issued otherEcLeaf;
    private static OpenSsl.Issued chainedLeaf;

    @BeforeAll
    static void makePki() throws Exception {
        openSsl = new OpenSsl(dir);
        root = openSsl.rootCa("root");
        intermediate = openSsl.intermediate(root, "intermediate");
        rsaLeaf = openSsl.leaf(root, "rsa-leaf", "rsa");
        ecLeaf = openSsl.leaf(root, "ec-leaf", "ec");
        otherEcLeaf = openSsl.leaf(root, "other-ec-leaf", "ec");
        chainedLeaf = openSsl.leaf(intermediate, "chained-leaf", "ec");
    }

    @Test
    void pem_rsaPkcs1_loadsAndServes() throws Exception {
        Path pkcs1 = openSsl.traditional(rsaLeaf.key(), "rsa-pkcs1.key");
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertServesVerifiably(pem(rsaLeaf.cert(), pkcs1, Optional.empty()), "TLSv1.3");
    }

    @Test
    void pem_rsaPkcs8_loadsAndServes() throws Exception {
        assertThat(Files.readString(rsaLeaf.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertServesVerifiably(pem(rsaLeaf.cert(), rsaLeaf.key(), Optional.empty()), "TLSv1.3");
    }

    @Test
    void pem_ecSec1_loadsAndServes() throws Exception {
        Path sec1 = openSsl.traditional(ecLeaf.key(), "ec-sec1.key");
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertServesVerifiably(pem(ecLeaf.cert(), sec1, Optional.empty()), "TLSv1.3");
    }

    @Test
    void pem_ecPkcs8_loadsAndServes() throws Exception {
        assertServesVerifiably(pem(ecLeaf.cert(), ecLeaf.key(), Optional.empty()), "TLSv1.3");
    }

    @Test
    void pem_encryptedPkcs8_loadsWithPassword() throws Exception {
        Path encrypted = openSsl.encryptedPkcs8(rsaLeaf.key(), "s3cret", "rsa-enc.key");
        assertServesVerifiably(pem(rsaLeaf.cert(), encrypted, Optional.of("s3cret")), "TLSv1.3");
    }

    @Test
    void pem_encryptedPkcs8_wrongOrMissingPassword_namesKeyPassword() throws Exception {
        Path encrypted = openSsl.encryptedPkcs8(ecLeaf.key(), "s3cret", "ec-enc.key");
        assertThatThrownBy(() -> load(pem(ecLeaf.cert(), encrypted, Optional.of("wrong"))))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("tls.key file " + encrypted)
                .hasMessageContaining("tls.key-password");
        assertThatThrownBy(() -> load(pem(ecLeaf.cert(), encrypted, Optional.empty())))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("set tls.key-password");
    }

    @Test
    void pem_chainWithIntermediate_isServedSoClientTrustingOnlyRootVerifies() throws Exception {
        Path chain = openSsl.concat("chain.pem", chainedLeaf.cert(), intermediate.cert());
        TlsContextProvider provider = load(pem(chain, chainedLeaf.key(), Optional.empty()));
        assertThat(provider.certificateChain()).hasSize(2);
        assertServesVerifiably(provider, "TLSv1.3");
    }

    @Test
    void pem_certificateAndKeyInOneFile_loads() throws Exception {
        Path combined = openSsl.concat("combined.pem", ecLeaf.key(), ecLeaf.cert(), root.cert());
        assertThat(load(pem(combined, combined, Optional.empty())).certificateChain())
                .hasSize(2);
    }

    @Test
    void pkcs12_loadsAndServes() throws Exception {
        Path store = openSsl.pkcs12(rsaLeaf, root.cert(), "storepw", "server.p12");
        TlsContextProvider provider = load(new TlsConfig.KeyStoreFile(store, "storepw"));
        assertThat(provider.certificateChain()).hasSize(2);
        assertServesVerifiably(provider, "TLSv1.3");
    }

    @Test
    void pkcs12_wrongPassword_namesKeystorePassword() throws Exception {
        Path store = openSsl.pkcs12(ecLeaf, root.cert(), "storepw", "wrongpw.p12");
        assertThatThrownBy(() -> load(new TlsConfig.KeyStoreFile(store, "nope")))
                .isInstanceOf(TlsConfigException.class)
                .hasMessage("tls.keystore file " + store + ": wrong tls.keystore-password");
    }

    @Test
    void missingFile_namesKeyAndFile() {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> load(pem(missing, ecLeaf.key(), Optional.empty())))
                .isInstanceOf(TlsConfigException.class)
                .hasMessage("tls.cert file " + missing + " does not exist");
        assertThatThrownBy(() -> load(new TlsConfig.KeyStoreFile(missing, "x")))
                .hasMessage("tls.keystore file " + missing + " does not exist");
    }

    @Test
    void directoryInsteadOfFile_isRejected() {
        assertThatThrownBy(() -> load(pem(ecLeaf.cert(), dir, Optional.empty())))
                .hasMessage("tls.key file " + dir + " is not a regular file");
    }

    @Test
    void keyNotMatchingCertificate_isRejected() {
        assertThatThrownBy(() -> load(pem(ecLeaf.cert(), otherEcLeaf.key(), Optional.empty())))
                .isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("tls.key file " + otherEcLeaf.key())
                .hasMessageContaining("does not match the certificate");
        assertThatThrownBy(() -> load(pem(rsaLeaf.cert(), ecLeaf.key(), Optional.empty())))
                .hasMessageContaining("does not match the certificate (key is EC, certificate is RSA)");
    }

    @Test
    void noCertificateOrKeyInFile_isRejected() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        assertThatThrownBy(() -> load(pem(ecLeaf.key(), ecLeaf.key(), Optional.empty())))
                .hasMessageStartingWith("tls.cert file " + ecLeaf.key() + ": no certificate found");
        assertThatThrownBy(() -> load(pem(ecLeaf.cert(), ecLeaf.cert(), Optional.empty())))
                .hasMessageStartingWith("tls.key file " + ecLeaf.cert() + ": no private key found");
        assertThatThrownBy(() -> load(pem(notPem, ecLeaf.key(), Optional.empty())))
                .hasMessageStartingWith("tls.cert file " + notPem + ": no certificate found");
    }

    private static TlsConfig.PemFiles pem(Path cert, Path key, Optional<String> password) {
        return new TlsConfig.PemFiles(cert, key, password);
    }

    private static TlsContextProvider load(TlsConfig.Source source) throws TlsConfigException {
        return TlsContextProvider.create(new TlsConfig(source, TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT), Clock.systemUTC());
    }

    private static void assertServesVerifiably(TlsConfig.Source source, String protocol) throws Exception {
        assertServesVerifiably(load(source), protocol);
    }

    private static void assertServesVerifiably(TlsContextProvider provider, String protocol) throws Exception {
        try (TlsEchoServer server = TlsEchoServer.start(provider)) {
            try (Pop3Wire tls = Pop3Wire.open(server.port()).startTls(PemTrust.sslContext(root.cert()), "localhost")) {
                assertThat(tls.command("ping")).isEqualTo("ping");
                assertThat(tls.tlsSession().getProtocol()).isEqualTo(protocol);
                assertThat(tls.tlsSession().getPeerCertificates()[0])
                        .isEqualTo(provider.certificateChain().get(0));
            }
            assertThat(server.failures()).isEmpty();
        }
    }
}
