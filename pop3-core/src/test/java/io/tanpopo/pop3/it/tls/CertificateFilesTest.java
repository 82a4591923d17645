package io.tanpopo.pop3.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tanpopo.pop3.MemoryBackend;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.testsupport.PemTrust;
import io.tanpopo.testsupport.Pop3Wire;
import io.tanpopo.testsupport.RequiresProgram;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material from files, made by {@code openssl} in a temporary directory: PEM RSA and EC keys, a chain
 * through an intermediate, a PKCS#12 store, a reload after the files change, and clear start-up errors.
 */
@RequiresProgram(value = "openssl", debianPackage = "openssl")
@RequiresProgram(value = "curl", debianPackage = "curl")
class CertificateFilesTest {

    private static final Duration HANDSHAKE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MemoryBackend mail = new MemoryBackend().user("alice", "secret");
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pemRsaPkcs8Leaf_withIntermediateChain_curlPop3sAndOpensslStarttlsVerify() throws Exception {
        Issued root = rootCa("root");
        Issued intermediate = issue(root, "intermediate", "ec", true);
        Issued leaf = issue(intermediate, "leaf-rsa", "rsa", false);
        assertThat(Files.readString(leaf.key())).startsWith("-----BEGIN PRIVATE KEY-----");
        Path chain = concat("chain.pem", leaf.cert(), intermediate.cert());

        server = start(new TlsConfig.PemFiles(chain, leaf.key(), Optional.empty()));

        TlsIt.Result curl = TlsIt.run(
                dir,
                List.of(
                        "curl",
                        "-sS",
                        "--max-time",
                        "20",
                        "--cacert",
                        root.cert().toString(),
                        "-u",
                        "alice:secret",
                        "pop3s://127.0.0.1:" + server.tlsPort().getAsInt() + "/1"));
        assertThat(curl.exitCode()).as(curl.all()).isZero();
        assertThat(curl.stdout()).isEqualTo(TlsIt.DOTS_CRLF);

        TlsIt.Result openssl = opensslStarttls(root.cert());
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
        assertThat(openssl.stderr())
                .contains("depth=2 CN = root", "depth=1 CN = intermediate", "depth=0 CN = leaf-rsa");
        assertThat(openssl.out()).contains("..one leading dot\r\n");
    }

    @Test
    void pemEcLeaf_signedByTheRoot_curlStlsVerifies() throws Exception {
        Issued root = rootCa("root");
        Issued leaf = issue(root, "leaf-ec", "ec", false);

        server = start(new TlsConfig.PemFiles(leaf.cert(), leaf.key(), Optional.empty()));

        TlsIt.Result curl = TlsIt.run(
                dir,
                List.of(
                        "curl",
                        "-sS",
                        "--max-time",
                        "20",
                        "--cacert",
                        root.cert().toString(),
                        "--ssl-reqd",
                        "-u",
                        "alice:secret",
                        "pop3://127.0.0.1:" + server.port() + "/1"));
        assertThat(curl.exitCode()).as(curl.all()).isZero();
        assertThat(curl.stdout()).isEqualTo(TlsIt.DOTS_CRLF);
        assertThat(servedCertificate(root.cert()).getSubjectX500Principal().getName())
                .isEqualTo("CN=leaf-ec");
    }

    @Test
    void pkcs12Store_withChain_opensslStarttlsVerifies() throws Exception {
        Issued root = rootCa("root");
        Issued intermediate = issue(root, "intermediate", "ec", true);
        Issued leaf = issue(intermediate, "leaf-p12", "rsa", false);
        Path store = dir.resolve("server.p12");
        openssl(
                "pkcs12",
                "-export",
                "-inkey",
                leaf.key().toString(),
                "-in",
                leaf.cert().toString(),
                "-certfile",
                intermediate.cert().toString(),
                "-passout",
                "pass:store-secret",
                "-out",
                store.toString());

        server = start(new TlsConfig.KeyStoreFile(store, "store-secret"));

        TlsIt.Result openssl = opensslStarttls(root.cert());
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
        assertThat(openssl.stderr()).contains("depth=0 CN = leaf-p12");
        assertThat(openssl.out()).contains("..one leading dot\r\n");
    }

    @Test
    void pemFilesReplaced_newConnectionsGetTheNewCertificate_withoutRestart() throws Exception {
        Issued root = rootCa("root");
        Issued first = issue(root, "first", "ec", false);
        Issued second = issue(root, "second", "rsa", false);
        Path cert = copy(first.cert(), "served.pem");
        Path key = copy(first.key(), "served.key");
        server = start(new TlsConfig.PemFiles(cert, key, Optional.empty()));
        X509Certificate before = servedCertificate(root.cert());
        assertThat(before.getSubjectX500Principal().getName()).isEqualTo("CN=first");

        // Key first, then certificate, each replaced atomically: a check in between sees a mismatch,
        // keeps serving "first" and reloads once the certificate changes too.
        move(second.key(), key);
        move(second.cert(), cert);

        X509Certificate after = TlsIt.await(
                Duration.ofSeconds(15),
                Duration.ofMillis(200),
                "a new connection to present the replaced certificate",
                () -> {
                    X509Certificate served = servedCertificate(root.cert());
                    return served.getSubjectX500Principal().getName().equals("CN=second") ? served : null;
                });
        assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(after.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        TlsIt.Result curl = TlsIt.run(
                dir,
                List.of(
                        "curl",
                        "-sS",
                        "--max-time",
                        "20",
                        "--cacert",
                        root.cert().toString(),
                        "-u",
                        "alice:secret",
                        "pop3s://127.0.0.1:" + server.tlsPort().getAsInt() + "/1"));
        assertThat(curl.exitCode()).as(curl.all()).isZero();
    }

    @Test
    void startup_missingCertificateFile_failsNamingTheKeyAndFile() throws Exception {
        Issued root = rootCa("root");
        Path missing = dir.resolve("no-such-cert.pem");
        assertThatThrownBy(() -> start(new TlsConfig.PemFiles(missing, root.key(), Optional.empty())))
                .hasMessageContaining("tls.cert")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void startup_missingKeyStore_failsNamingTheKeyAndFile() {
        Path missing = dir.resolve("no-such.p12");
        assertThatThrownBy(() -> start(new TlsConfig.KeyStoreFile(missing, "x")))
                .hasMessageContaining("tls.keystore")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void startup_wrongKeyStorePassword_failsNamingThePassword() throws Exception {
        Issued root = rootCa("root");
        Issued leaf = issue(root, "leaf", "ec", false);
        Path store = dir.resolve("server.p12");
        openssl(
                "pkcs12",
                "-export",
                "-inkey",
                leaf.key().toString(),
                "-in",
                leaf.cert().toString(),
                "-passout",
                "pass:right",
                "-out",
                store.toString());
        assertThatThrownBy(() -> start(new TlsConfig.KeyStoreFile(store, "wrong")))
                .hasMessageContaining("tls.keystore")
                .hasMessageContaining(store.toString())
                .hasMessageContaining("wrong tls.keystore-password");
    }

    @Test
    void startup_keyNotMatchingTheCertificate_failsSayingSo() throws Exception {
        Issued root = rootCa("root");
        Issued leaf = issue(root, "leaf", "ec", false);
        Issued other = issue(root, "other", "ec", false);
        assertThatThrownBy(() -> start(new TlsConfig.PemFiles(leaf.cert(), other.key(), Optional.empty())))
                .hasMessageContaining("does not match the certificate")
                .hasMessageContaining(other.key().toString());
    }

    @Test
    void startup_rsaKeyForAnEcCertificate_failsSayingSo() throws Exception {
        Issued root = rootCa("root");
        Issued leaf = issue(root, "leaf", "ec", false);
        Issued rsa = issue(root, "rsa", "rsa", false);
        assertThatThrownBy(() -> start(new TlsConfig.PemFiles(leaf.cert(), rsa.key(), Optional.empty())))
                .hasMessageContaining("does not match the certificate")
                .hasMessageContaining("RSA");
    }

    private Pop3Server start(TlsConfig.Source source) {
        Pop3Server started = mail.builder()
                .implicitTlsPort(0)
                .tls(new TlsConfig(source, HANDSHAKE))
                .start();
        mail.mailbox("alice").add(TlsIt.DOTS);
        return started;
    }

    private TlsIt.Result opensslStarttls(Path caFile) {
        return TlsIt.run(
                dir,
                "USER alice\nPASS secret\nRETR 1\nQUIT\n",
                List.of(
                        "timeout",
                        "25",
                        "openssl",
                        "s_client",
                        "-starttls",
                        "pop3",
                        "-connect",
                        "127.0.0.1:" + server.port(),
                        "-CAfile",
                        caFile.toString(),
                        "-verify_return_error",
                        "-verify_ip",
                        "127.0.0.1",
                        "-crlf",
                        "-quiet"));
    }

    /** The leaf a fresh implicit-TLS connection is given, verified against {@code caFile}. */
    private X509Certificate servedCertificate(Path caFile) {
        try (Pop3Wire client = Pop3Wire.open(server.tlsPort().getAsInt())) {
            client.startTls(PemTrust.sslContext(caFile));
            X509Certificate leaf = (X509Certificate) client.tlsSession().getPeerCertificates()[0];
            assertThat(client.line()).startsWith("+OK");
            return leaf;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new AssertionError(e);
        }
    }

    /** A certificate and its PKCS#8 PEM key. */
    private record Issued(Path cert, Path key) {}

    private Issued rootCa(String name) {
        Issued ca = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                ca.key().toString(),
                "-out",
                ca.cert().toString(),
                "-days",
                "2",
                "-subj",
                "/CN=" + name,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    private Issued issue(Issued issuer, String name, String keyType, boolean ca) throws IOException {
        Issued issued = new Issued(dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        Path csr = dir.resolve(name + ".csr");
        Path ext = Files.writeString(
                dir.resolve(name + ".ext"),
                ca
                        ? "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
                        : "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        List<String> genpkey = new ArrayList<>(List.of("genpkey"));
        genpkey.addAll(
                keyType.equals("rsa")
                        ? List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048")
                        : List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
        genpkey.addAll(List.of("-out", issued.key().toString()));
        openssl(genpkey.toArray(String[]::new));
        openssl("req", "-new", "-key", issued.key().toString(), "-subj", "/CN=" + name, "-out", csr.toString());
        openssl(
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                issuer.cert().toString(),
                "-CAkey",
                issuer.key().toString(),
                "-set_serial",
                new BigInteger(63, new java.security.SecureRandom()).toString(),
                "-days",
                "2",
                "-extfile",
                ext.toString(),
                "-out",
                issued.cert().toString());
        return issued;
    }

    private void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        TlsIt.Result result = TlsIt.run(dir, command);
        assertThat(result.exitCode()).as("%s%n%s", command, result.all()).isZero();
    }

    private Path concat(String name, Path... parts) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path part : parts) {
            text.append(Files.readString(part));
        }
        return Files.writeString(dir.resolve(name), text);
    }

    private Path copy(Path from, String name) throws IOException {
        return Files.copy(from, dir.resolve(name));
    }

    /** Replaces {@code target} in one rename, as certificate renewal tools do. */
    private void move(Path source, Path target) throws IOException {
        Path staged =
                Files.copy(source, dir.resolve(target.getFileName() + ".new"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
