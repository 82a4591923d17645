package io.tanpopo.pop3;

import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a proxy's health checks away from the listeners (session log, metrics, transcripts). A
 * check is a connection whose proxy spoke for itself (PROXY v2 {@code LOCAL}, v1 {@code UNKNOWN}:
 * the client is unknown) and that is greeted and says QUIT, nothing else: HAProxy's
 * {@code tcp-check} does that every few seconds per server. Such a session is held back; the
 * listeners hear of it (from its opening on, in order) as soon as it does anything else: another
 * command, or an end other than QUIT. So nothing a client does goes unlogged.
 */
final class HealthChecks implements SessionListener {

    private final SessionListener next;
    /** Ids of the open sessions held back. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    private HealthChecks(SessionListener next) {
        this.next = next;
    }

    /** {@code next}, not told of health checks. */
    static SessionListener hiddenFrom(SessionListener next) {
        return new HealthChecks(next);
    }

    @Override
    public void opened(Pop3Session session) {
        if (session.connection().remoteKnown()) {
            next.opened(session);
        } else {
            held.add(session.id());
        }
    }

    @Override
    public void command(Pop3Session session, CommandLine line) {
        if (!line.keyword().equalsIgnoreCase("QUIT")) {
            reveal(session);
        }
        if (!held.contains(session.id())) {
            next.command(session, line);
        }
    }

    @Override
    public void replied(Pop3Session session, CommandLine line, Reply reply) {
        if (!held.contains(session.id())) {
            next.replied(session, line, reply);
        }
    }

    @Override
    public void loggedIn(Pop3Session session) {
        reveal(session);
        next.loggedIn(session);
    }

    @Override
    public void closed(Pop3Session session, String how) {
        if (held.remove(session.id())) {
            if (how.equals("quit")) {
                return;
            }
            next.opened(session);
        }
        next.closed(session, how);
    }

    private void reveal(Pop3Session session) {
        if (held.remove(session.id())) {
            next.opened(session);
        }
    }
}
