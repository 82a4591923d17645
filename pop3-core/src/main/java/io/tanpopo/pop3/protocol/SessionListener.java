package io.tanpopo.pop3.protocol;

/**
 * Observes sessions: logs, transcripts and metrics hang here. Called on the session's worker
 * thread, in order for one session; must be quick and must not throw. Secrets never reach a
 * listener: command lines come masked ({@link CommandLine#masked()}).
 */
public interface SessionListener {

    default void opened(Pop3Session session) {
    }

    default void command(Pop3Session session, CommandLine line) {
    }

    default void replied(Pop3Session session, CommandLine line, Reply reply) {
    }

    default void closed(Pop3Session session, String how) {
    }

    /** A listener that does nothing. */
    static SessionListener none() {
        return new SessionListener() {
        };
    }
}
