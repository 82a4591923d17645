package io.tanpopo.pop3.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the first private-key entry, and its chain, from a PKCS#12 key store. */
final class KeyStoreMaterialReader {

    KeyMaterial read(TlsConfig.KeyStoreFile config) throws TlsConfigException {
        MaterialFile file = new MaterialFile("tls.keystore", config.keyStore());
        char[] password = config.password().toCharArray();
        KeyStore store = load(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return entry(file, store, alias, password);
                }
            }
        } catch (GeneralSecurityException e) {
            throw file.error("cannot read the key store entries: " + e.getMessage(), e);
        }
        throw file.error("no private key entry found");
    }

    private static KeyStore load(MaterialFile file, char[] password) throws TlsConfigException {
        byte[] bytes = file.read();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw file.error("wrong tls.keystore-password", e);
            }
            throw file.error("not a readable PKCS#12 key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw file.error("not a readable PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    private static KeyMaterial entry(MaterialFile file, KeyStore store, String alias, char[] password)
            throws GeneralSecurityException, TlsConfigException {
        PrivateKey key;
        try {
            key = (PrivateKey) store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw file.error("the key entry '" + alias + "' has a password other than tls.keystore-password", e);
        }
        Certificate[] certificates = store.getCertificateChain(alias);
        if (certificates == null || certificates.length == 0) {
            throw file.error("the key entry '" + alias + "' has no certificate chain");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates) {
            chain.add((X509Certificate) certificate);
        }
        KeyMaterial material = new KeyMaterial(key, chain);
        material.requireKeyMatchesLeaf("tls.keystore file " + file.path() + " entry '" + alias + "'");
        return material;
    }
}
