package io.tanpopo.app.metrics;

import io.tanpopo.auth.AuthResult;
import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.LoginRequest;
import io.tanpopo.auth.SecretResult;

/** An authenticator that reports how long each call of the one it wraps took (checkpassword latency). */
public final class TimedAuthenticator implements Authenticator {

    private final Authenticator delegate;
    private final Pop3Metrics metrics;

    public TimedAuthenticator(Authenticator delegate, Pop3Metrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public AuthResult authenticate(LoginRequest request) {
        long start = System.nanoTime();
        try {
            return delegate.authenticate(request);
        } finally {
            metrics.authenticated(java.time.Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public boolean blocks() {
        return delegate.blocks();
    }

    @Override
    public boolean providesSecrets() {
        return delegate.providesSecrets();
    }

    @Override
    public boolean providesScramKeys() {
        return delegate.providesScramKeys();
    }

    @Override
    public SecretResult secret(String user) {
        return delegate.secret(user);
    }
}
