package io.tanpopo.pop3;

import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import java.util.List;

/** Several listeners heard as one, in order. */
final class SessionListeners implements SessionListener {

    private final List<SessionListener> listeners;

    private SessionListeners(List<SessionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static SessionListener of(List<SessionListener> listeners) {
        if (listeners.isEmpty()) {
            return SessionListener.none();
        }
        return listeners.size() == 1 ? listeners.get(0) : new SessionListeners(listeners);
    }

    @Override
    public void opened(Pop3Session session) {
        for (SessionListener l : listeners) {
            l.opened(session);
        }
    }

    @Override
    public void command(Pop3Session session, CommandLine line) {
        for (SessionListener l : listeners) {
            l.command(session, line);
        }
    }

    @Override
    public void replied(Pop3Session session, CommandLine line, Reply reply) {
        for (SessionListener l : listeners) {
            l.replied(session, line, reply);
        }
    }

    @Override
    public void loggedIn(Pop3Session session) {
        for (SessionListener l : listeners) {
            l.loggedIn(session);
        }
    }

    @Override
    public void closed(Pop3Session session, String how) {
        for (SessionListener l : listeners) {
            l.closed(session, how);
        }
    }
}
