package io.tanpopo.pop3.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * What a client needs to trust a server whose certificate was generated for this run: the per-run CA, as a
 * certificate, a PEM string, a ready client {@link SSLContext}, or a PKCS#12 trust store file. Nothing here is
 * secret; the CA's private key is discarded after signing the server certificate.
 */
public final class GeneratedTrust {

    /** The store type written by {@link #writeTrustStore(Path)}. */
    public static final String TRUST_STORE_TYPE = "PKCS12";

    private final X509Certificate caCertificate;
    private final String trustStorePassword;

    GeneratedTrust(X509Certificate caCertificate) {
        this.caCertificate = caCertificate;
        // Protects nothing secret (a public certificate); random only so that no constant password exists.
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        this.trustStorePassword = HexFormat.of().formatHex(bytes);
    }

    /** @return the per-run CA certificate */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** @return the CA certificate as PEM, e.g. for {@code openssl s_client -CAfile} or {@code curl --cacert} */
    public String caPem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(caCertificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * @return a new client context that trusts exactly the per-run CA. Host names are verified only when the
     *         caller enables it ({@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")}), as with
     *         any JSSE socket.
     */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client SSLContext for the generated CA", e);
        }
    }

    /**
     * Writes the CA as a PKCS#12 trust store, e.g. for {@code -Djavax.net.ssl.trustStore}.
     *
     * @param file where to write; replaced if it exists
     * @return the file, its type and password
     * @throws IOException if the file cannot be written
     */
    public TrustStoreFile writeTrustStore(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, trustStorePassword.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the trust store " + file, e);
        }
        return new TrustStoreFile(file, TRUST_STORE_TYPE, trustStorePassword);
    }

    /**
     * Writes the CA as PEM.
     *
     * @param file where to write; replaced if it exists
     * @return the file
     * @throws IOException if the file cannot be written
     */
    public Path writeCaPem(Path file) throws IOException {
        return Files.writeString(file, caPem());
    }

    private KeyStore trustStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(TRUST_STORE_TYPE);
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        store.setCertificateEntry("tanpopo-ca", caCertificate);
        return store;
    }

    /**
     * A written trust store.
     *
     * @param path     the file
     * @param type     the store type, {@code PKCS12}
     * @param password its integrity password (not a secret: the store holds only a public certificate)
     */
    public record TrustStoreFile(Path path, String type, String password) {}
}
