package io.tanpopo.pop3.protocol;

/**
 * Observes sessions: logs, transcripts and metrics hang here. Called on the session's worker
 * thread, in order for one session; must be quick and must not throw. Secrets never reach a
 * listener: command lines come masked ({@link CommandLine#masked()}).
 */
public interface SessionListener {

    default void opened(Pop3Session session) {}

    default void command(Pop3Session session, CommandLine line) {}

    default void replied(Pop3Session session, CommandLine line, Reply reply) {}

    /**
     * The session entered TRANSACTION (RFC 1939 §4): its account and maildrop are set. Called after
     * the {@code +OK} of the login was decided, before it is sent; POP-before-SMTP hangs here.
     */
    default void loggedIn(Pop3Session session) {}

    default void closed(Pop3Session session, String how) {}

    /** A listener that does nothing. */
    static SessionListener none() {
        return new SessionListener() {};
    }
}
