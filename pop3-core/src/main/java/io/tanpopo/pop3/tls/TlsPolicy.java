package io.tanpopo.pop3.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The server's protocol and cipher-suite policy: TLS 1.3 and 1.2 only; for TLS 1.2 only ECDHE key exchange
 * (forward secrecy) with AEAD ciphers (AES-GCM, ChaCha20-Poly1305), as in Mozilla's "intermediate" profile;
 * the server's preference order wins. No client certificates are requested.
 */
public final class TlsPolicy {

    /** The enabled protocols, strongest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Allowed suites in preference order; those the JDK does not support are left out at run time. */
    private static final List<String> PREFERRED_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {}

    /** @return a fresh array {@code {"TLSv1.3", "TLSv1.2"}}, e.g. for MINA's {@code SslFilter} */
    public static String[] enabledProtocols() {
        return PROTOCOLS.toArray(String[]::new);
    }

    /**
     * @param context the context whose supported suites bound the choice
     * @return the allowed suites that {@code context} supports, in preference order
     */
    public static String[] enabledCipherSuites(SSLContext context) {
        Set<String> supported =
                Set.copyOf(Arrays.asList(context.getSupportedSSLParameters().getCipherSuites()));
        return PREFERRED_SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    /**
     * @param context the server context
     * @return server-side parameters with this policy, for an {@code SSLEngine} or {@code SSLServerSocket}
     */
    public static SSLParameters serverParameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(enabledProtocols());
        parameters.setCipherSuites(enabledCipherSuites(context));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        parameters.setWantClientAuth(false);
        return parameters;
    }

    /**
     * Configures {@code engine} as a server with this policy.
     *
     * @param engine  an engine created from {@code context}
     * @param context the context it came from
     * @return {@code engine}
     */
    public static SSLEngine configureServer(SSLEngine engine, SSLContext context) {
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters(context));
        return engine;
    }
}
