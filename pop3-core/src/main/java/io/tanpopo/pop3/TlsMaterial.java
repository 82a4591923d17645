package io.tanpopo.pop3;

import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.tls.TlsConfigException;
import io.tanpopo.pop3.tls.TlsContextProvider;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A server's TLS certificate source. Configured files are read at start, so a bad file stops the
 * start with a clear message; a generated certificate is made on first use only, so servers that
 * never see TLS start without paying for it.
 */
final class TlsMaterial implements Supplier<TlsContextProvider> {

    private final TlsConfig config;
    private TlsContextProvider provider;

    private TlsMaterial(TlsConfig config) {
        this.config = config;
    }

    static TlsMaterial of(TlsConfig config) {
        TlsMaterial material = new TlsMaterial(config);
        if (!(config.source() instanceof TlsConfig.Generated)) {
            material.get();
        }
        return material;
    }

    @Override
    public synchronized TlsContextProvider get() {
        if (provider == null) {
            try {
                provider = TlsContextProvider.create(config, Clock.systemUTC());
            } catch (TlsConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return provider;
    }
}
