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
        return listeners.size() == 1 ? listeners.get(0) : new SessionListeners(listeners);
    }

    @Override
    public void opened(Pop3Session session) {
        listeners.forEach(l -> l.opened(session));
    }

    @Override
    public void command(Pop3Session session, CommandLine line) {
        listeners.forEach(l -> l.command(session, line));
    }

    @Override
    public void replied(Pop3Session session, CommandLine line, Reply reply) {
        listeners.forEach(l -> l.replied(session, line, reply));
    }

    @Override
    public void loggedIn(Pop3Session session) {
        listeners.forEach(l -> l.loggedIn(session));
    }

    @Override
    public void closed(Pop3Session session, String how) {
        listeners.forEach(l -> l.closed(session, how));
    }
}
