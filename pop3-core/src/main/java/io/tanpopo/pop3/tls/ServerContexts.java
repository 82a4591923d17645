package io.tanpopo.pop3.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds a server {@link SSLContext} from checked key material, through an in-memory key store. */
final class ServerContexts {

    private static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

    private ServerContexts() {}

    static SSLContext serverContext(KeyMaterial material) throws TlsConfigException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    "server",
                    material.privateKey(),
                    IN_MEMORY_PASSWORD,
                    material.chain().toArray(X509Certificate[]::new));
            // PKIX ("NewSunX509") picks the entry by key type and checks validity, unlike the legacy SunX509.
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot build a TLS server context: " + e.getMessage(), e);
        }
    }
}
