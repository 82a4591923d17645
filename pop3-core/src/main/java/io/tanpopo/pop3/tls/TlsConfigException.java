package io.tanpopo.pop3.tls;

/**
 * TLS key material could not be loaded or does not fit together. The message names the configuration key
 * ({@code tls.cert}, {@code tls.key}, {@code tls.keystore}, ...) and the file, so that an operator can act on
 * it without a stack trace. It never contains a password.
 */
public final class TlsConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the configuration key and file
     */
    public TlsConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the configuration key and file
     * @param cause   the underlying failure
     */
    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
