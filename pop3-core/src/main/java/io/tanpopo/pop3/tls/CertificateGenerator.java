package io.tanpopo.pop3.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a per-run CA and a server certificate signed by it, both EC P-256 (key generation takes
 * milliseconds, unlike RSA). The server certificate names {@code localhost}, the configured host name,
 * 127.0.0.1 and ::1; it is valid from one day back (clock skew) to 30 days ahead.
 */
final class CertificateGenerator {

    static final Duration BACKDATE = Duration.ofDays(1);
    static final Duration LIFETIME = Duration.ofDays(30);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CertificateGenerator(Clock clock) {
        this.clock = clock;
    }

    /** The server's key material and the trust a client needs to verify it. */
    record Generated(KeyMaterial server, GeneratedTrust trust) {}

    Generated generate(String hostName) throws TlsConfigException {
        try {
            KeyPair caKeys = newKeyPair();
            X500Principal caName = new X500Principal("CN=tanpopo per-run CA " + Long.toHexString(random.nextLong()));
            X509Certificate ca = sign(caBuilder(caName, caKeys), caKeys);
            KeyPair serverKeys = newKeyPair();
            X509Certificate server = sign(serverBuilder(ca, caKeys, serverKeys, hostName), caKeys);
            return new Generated(new KeyMaterial(serverKeys.getPrivate(), List.of(server, ca)), new GeneratedTrust(ca));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new TlsConfigException("cannot generate a TLS certificate: " + e.getMessage(), e);
        }
    }

    private X509v3CertificateBuilder caBuilder(X500Principal name, KeyPair keys)
            throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        return validity(name, name, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    }

    private X509v3CertificateBuilder serverBuilder(X509Certificate ca, KeyPair caKeys, KeyPair keys, String host)
            throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        return validity(ca.getSubjectX500Principal(), new X500Principal("CN=" + host), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(host))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        utils.createAuthorityKeyIdentifier(caKeys.getPublic()));
    }

    private X509v3CertificateBuilder validity(X500Principal issuer, X500Principal subject, KeyPair keys) {
        Instant now = clock.instant();
        BigInteger serial = new BigInteger(127, random).setBit(126);
        return new JcaX509v3CertificateBuilder(
                issuer,
                serial,
                Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(LIFETIME)),
                subject,
                keys.getPublic());
    }

    private static GeneralNames subjectAltNames(String hostName) {
        Set<String> dnsNames = new LinkedHashSet<>(List.of("localhost", hostName));
        GeneralName[] names = new GeneralName[dnsNames.size() + 2];
        int i = 0;
        for (String dns : dnsNames) {
            names[i++] = new GeneralName(GeneralName.dNSName, dns);
        }
        names[i++] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
        names[i] = new GeneralName(GeneralName.iPAddress, "::1");
        return new GeneralNames(names);
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
