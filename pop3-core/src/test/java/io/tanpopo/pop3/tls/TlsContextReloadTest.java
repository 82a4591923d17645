package io.tanpopo.pop3.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tanpopo.testsupport.MutableClock;
import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files change under a running provider; a controllable clock decides when it looks. No sleeping. */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
class TlsContextReloadTest {

    @TempDir
    static Path pki;

    private static OpenSsl openSsl;
    private static OpenSsl.Issued root;
    private static OpenSsl.Issued first;
    private static OpenSsl.Issued second;

    @TempDir
    Path live;

    private MutableClock clock;
    private Path cert;
    private Path key;
    private Instant fileTime;

    @BeforeAll
    static void makePki() throws Exception {
        openSsl = new OpenSsl(pki);
        root = openSsl.rootCa("root");
        first = openSsl.leaf(root, "first", "ec");
        second = openSsl.leaf(root, "second", "ec");
    }

    @BeforeEach
    void installFirst() throws Exception {
        clock = new MutableClock(Instant.now());
        cert = live.resolve("cert.pem");
        key = live.resolve("key.pem");
        fileTime = Instant.now().minusSeconds(3600);
        replace(cert, first.cert());
        replace(key, first.key());
    }

    @Test
    void changedFiles_areReloaded_atMostOncePerSecond() throws Exception {
        TlsContextProvider provider = pemProvider();
        assertThat(leaf(provider)).isEqualTo(certificate(first.cert()));

        replace(cert, second.cert());
        replace(key, second.key());
        clock.advance(Duration.ofMillis(500));
        assertThat(leafAfterAsking(provider))
                .as("not checked again within a second")
                .isEqualTo(certificate(first.cert()));

        clock.advance(Duration.ofMillis(500));
        assertThat(leafAfterAsking(provider)).isEqualTo(certificate(second.cert()));
        try (TlsEchoServer server = TlsEchoServer.start(provider)) {
            assertThat(servedLeaf(server)).isEqualTo(certificate(second.cert()));
        }
    }

    @Test
    void unchangedFiles_keepTheSameContext() throws Exception {
        TlsContextProvider provider = pemProvider();
        SSLContext before = provider.currentContext();
        clock.advance(Duration.ofSeconds(5));
        assertThat(provider.currentContext()).isSameAs(before);
    }

    @Test
    void brokenNewFiles_keepServingTheOldContext_untilFixed() throws Exception {
        TlsContextProvider provider = pemProvider();
        SSLContext before = provider.currentContext();

        replace(key, second.key()); // renewal half done: new key, old certificate
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.currentContext()).isSameAs(before);
        try (TlsEchoServer server = TlsEchoServer.start(provider)) {
            assertThat(servedLeaf(server)).isEqualTo(certificate(first.cert()));
        }

        Files.writeString(cert, "garbage");
        Files.setLastModifiedTime(cert, nextFileTime());
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.currentContext()).isSameAs(before);

        replace(cert, second.cert()); // renewal complete
        clock.advance(Duration.ofSeconds(1));
        assertThat(leafAfterAsking(provider)).isEqualTo(certificate(second.cert()));
    }

    @Test
    void keyStoreReplacedByAtomicRename_isReloaded() throws Exception {
        Path store = live.resolve("server.p12");
        Files.copy(openSsl.pkcs12(first, root.cert(), "pw", "first.p12"), store);
        TlsContextProvider provider = TlsContextProvider.create(
                new TlsConfig(new TlsConfig.KeyStoreFile(store, "pw"), Duration.ofSeconds(5)), clock);
        assertThat(leaf(provider)).isEqualTo(certificate(first.cert()));

        Path staged = live.resolve("server.p12.new");
        Files.copy(openSsl.pkcs12(second, root.cert(), "pw", "second.p12"), staged);
        Files.setLastModifiedTime(staged, Files.getLastModifiedTime(store)); // only the inode differs
        Files.move(staged, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(leafAfterAsking(provider)).isEqualTo(certificate(second.cert()));
    }

    private TlsContextProvider pemProvider() throws TlsConfigException {
        return TlsContextProvider.create(
                new TlsConfig(new TlsConfig.PemFiles(cert, key, Optional.empty()), Duration.ofSeconds(5)), clock);
    }

    private static X509Certificate leafAfterAsking(TlsContextProvider provider) {
        provider.currentContext();
        return leaf(provider);
    }

    /** The leaf {@code server} serves a client that trusts the root and verifies "localhost". */
    private static java.security.cert.Certificate servedLeaf(TlsEchoServer server) throws Exception {
        try (Pop3Wire tls = Pop3Wire.open(server.port()).startTls(PemTrust.sslContext(root.cert()), "localhost")) {
            return tls.tlsSession().getPeerCertificates()[0];
        }
    }

    private static X509Certificate leaf(TlsContextProvider provider) {
        return provider.certificateChain().get(0);
    }

    /** Copies and gives the target a distinct modification time, as a real later write would have. */
    private void replace(Path target, Path source) throws Exception {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, nextFileTime());
    }

    private FileTime nextFileTime() {
        fileTime = fileTime.plusSeconds(10);
        return FileTime.from(fileTime);
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
