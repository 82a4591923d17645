package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a session once it is over: its maildrop closed without committing (RFC 1939 §6: only
 * QUIT commits), the listeners told how it ended, then what the server counts against its limits
 * given back.
 */
final class SessionEnd {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEnd.class);

    private final Pop3Session session;
    private final SessionListener listener;
    /** Run once the session is released; nothing until {@link #then} sets it. */
    private volatile Runnable after = () -> {};

    SessionEnd(Pop3Session session, SessionListener listener) {
        this.session = session;
        this.listener = listener;
    }

    /** Runs {@code action} once the session is released (after the listeners heard it closed). */
    void then(Runnable action) {
        this.after = action;
    }

    /** Releases the session, which ended {@code how}; called once. */
    void release(String how) {
        session.close().ifPresent(maildrop -> {
            try {
                maildrop.close();
            } catch (RuntimeException e) {
                LOG.warn("[{}] releasing the maildrop failed", session.id(), e);
            }
        });
        listener.closed(session, how);
        after.run();
    }
}
