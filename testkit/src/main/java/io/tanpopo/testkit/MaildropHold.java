package io.tanpopo.testkit;

import io.tanpopo.store.Maildrop;

/**
 * A user's maildrop held open, with its lock, as another session would hold it: while held, a
 * client logging in as that user meets {@code -ERR [IN-USE]} (RFC 2449 §8.1.1). Close to release.
 */
public final class MaildropHold implements AutoCloseable {

    private final String user;
    private final Maildrop maildrop;

    MaildropHold(String user, Maildrop maildrop) {
        this.user = user;
        this.maildrop = maildrop;
    }

    public String user() {
        return user;
    }

    /** Releases the lock without changing anything; safe to call twice. */
    @Override
    public void close() {
        maildrop.close();
    }
}
