package io.tanpopo.pop3.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads a PEM certificate chain and a PEM private key: PKCS#1 ({@code RSA PRIVATE KEY}), SEC1
 * ({@code EC PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY})
 * and legacy OpenSSL-encrypted PKCS#1/SEC1. Other PEM blocks (e.g. {@code EC PARAMETERS}) are skipped, so
 * the certificate and key may share one file.
 */
final class PemMaterialReader {

    KeyMaterial read(TlsConfig.PemFiles files) throws TlsConfigException {
        MaterialFile certFile = new MaterialFile("tls.cert", files.certificateChain());
        MaterialFile keyFile = new MaterialFile("tls.key", files.privateKey());
        List<X509Certificate> chain = readChain(certFile);
        PrivateKey key = readKey(keyFile, files.keyPassword());
        KeyMaterial material = new KeyMaterial(key, chain);
        material.requireKeyMatchesLeaf("tls.key file " + keyFile.path() + " and tls.cert file " + certFile.path());
        return material;
    }

    private List<X509Certificate> readChain(MaterialFile file) throws TlsConfigException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object block : parse(file)) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw file.error("certificate " + (chain.size() + 1) + " is malformed", e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw file.error("no certificate found (expected '-----BEGIN CERTIFICATE-----')");
        }
        return chain;
    }

    private PrivateKey readKey(MaterialFile file, Optional<String> password) throws TlsConfigException {
        for (Object block : parse(file)) {
            Optional<PrivateKeyInfo> info = keyInfo(file, block, password);
            if (info.isPresent()) {
                try {
                    return new JcaPEMKeyConverter().getPrivateKey(info.get());
                } catch (IOException e) {
                    throw file.error("unsupported private key: " + e.getMessage(), e);
                }
            }
        }
        throw file.error("no private key found (expected RSA PRIVATE KEY, EC PRIVATE KEY, PRIVATE KEY"
                + " or ENCRYPTED PRIVATE KEY)");
    }

    private Optional<PrivateKeyInfo> keyInfo(MaterialFile file, Object block, Optional<String> password)
            throws TlsConfigException {
        try {
            if (block instanceof PEMKeyPair pair) {
                return Optional.of(pair.getPrivateKeyInfo());
            }
            if (block instanceof PrivateKeyInfo info) {
                return Optional.of(info);
            }
            if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                char[] secret = requirePassword(file, password);
                // A private provider instance for PBES2/legacy ciphers; never registered globally.
                Provider bouncyCastle = new BouncyCastleProvider();
                return Optional.of(encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(bouncyCastle)
                        .build(secret)));
            }
            if (block instanceof PEMEncryptedKeyPair encrypted) {
                char[] secret = requirePassword(file, password);
                Provider bouncyCastle = new BouncyCastleProvider();
                return Optional.of(encrypted
                        .decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                .setProvider(bouncyCastle)
                                .build(secret))
                        .getPrivateKeyInfo());
            }
            return Optional.empty();
        } catch (PKCSException | IOException | OperatorCreationException e) {
            throw file.error("cannot decrypt the private key (wrong tls.key-password?)", e);
        }
    }

    private static char[] requirePassword(MaterialFile file, Optional<String> password) throws TlsConfigException {
        return password.map(String::toCharArray)
                .orElseThrow(() -> file.error("the private key is encrypted; set tls.key-password"));
    }

    private static List<Object> parse(MaterialFile file) throws TlsConfigException {
        byte[] bytes = file.read();
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser =
                new PEMParser(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw file.error("not valid PEM: " + e.getMessage(), e);
        }
        return blocks;
    }
}
