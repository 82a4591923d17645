package io.tanpopo.pop3.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server private key and its certificate chain (leaf first), checked to belong together.
 *
 * @param privateKey the server key
 * @param chain      the chain, leaf first, never empty
 */
record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);

    KeyMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Proves that the key belongs to the leaf certificate by signing with one and verifying with the other.
     * Comparing encoded public keys would need the public half, which a PKCS#8 file need not contain.
     */
    void requireKeyMatchesLeaf(String description) throws TlsConfigException {
        String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
        PublicKey leafKey = leaf().getPublicKey();
        if (!privateKey.getAlgorithm().equals(leafKey.getAlgorithm())) {
            throw mismatch(
                    description, "key is " + privateKey.getAlgorithm() + ", certificate is " + leafKey.getAlgorithm());
        }
        try {
            byte[] probe = "tanpopo key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leafKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw mismatch(description, "the public keys differ");
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(
                    description + ": cannot check the key against the certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Logs, but accepts, a leaf that is expired or not yet valid, and a chain out of order: refusing to start
     * would turn a missed renewal into an outage for every client, including those that do not verify.
     */
    void warnAboutValidity(String description, Clock clock) {
        Date now = Date.from(clock.instant());
        try {
            leaf().checkValidity(now);
        } catch (CertificateExpiredException e) {
            LOG.warn(
                    "{}: certificate {} EXPIRED on {}; serving it anyway, clients will reject it",
                    description,
                    leaf().getSubjectX500Principal(),
                    leaf().getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            LOG.warn(
                    "{}: certificate {} is not valid before {}; serving it anyway",
                    description,
                    leaf().getSubjectX500Principal(),
                    leaf().getNotBefore().toInstant());
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                LOG.warn(
                        "{}: certificate {} is not issued by the next one in the file; expected leaf first,"
                                + " then its issuer",
                        description,
                        i + 1);
            }
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> keyAlgorithm;
        };
    }

    private static TlsConfigException mismatch(String description, String detail) {
        return new TlsConfigException(
                description + ": the private key does not match the certificate (" + detail + ")");
    }
}
