package io.tanpopo.pop3.session;

import io.tanpopo.pop3.access.AccessDecision;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionState;
import io.tanpopo.pop3.session.DriverState.Phase;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whose turn it is to run a session, and what it has queued: one {@link DriverState} and the
 * {@link PendingLines}, changed together under this object's lock. Each method is one whole
 * transition and says what its caller does next, outside the lock; the few writes that must not
 * meet a change of owner (a notice to an idle client) happen under it.
 */
final class SessionTurns {

    /** RFC 2449 §8.1.1: the maildrop is in use, by the session that replaced this one. */
    private static final String TAKEN_OVER = "-ERR [IN-USE] Session taken over by a newer login\r\n";

    private static final String INACTIVE = "-ERR Disconnected for inactivity\r\n";

    /** What the caller of a transition does next. */
    enum Then {
        NOTHING,
        /** Start a worker: the session was idle, or its login waited for the client. */
        RUN,
        /** Release the session: it is over and nobody else will. */
        RELEASE,
        /** Close the connection after what is queued. */
        CLOSE,
        /** Close the connection at once: the client stopped reading. */
        ABORT,
        /** Close at once and release: taken over while the client stopped reading. */
        ABORT_AND_RELEASE,
        /** Close after what is queued and release: taken over while idle. */
        CLOSE_AND_RELEASE
    }

    /** An input offered: whether more may come now, and whether a worker must start. */
    record Offer(boolean room, boolean run) {}

    /** The next input for the thread that runs the session, whether reading resumes, whether it is over. */
    record Turn(Optional<Input> input, boolean resume, boolean release) {}

    private final Pop3Session session;
    private final Dispatcher dispatcher;
    private final Connection connection;
    private final ReplyWriter writer;
    private final PendingLines pending = new PendingLines();
    private DriverState state = DriverState.opened();

    SessionTurns(Pop3Session session, Dispatcher dispatcher, Connection connection, ReplyWriter writer) {
        this.session = session;
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.writer = writer;
    }

    /** Queues {@code input} unless input is dropped now; reading stops while the queue is full. */
    synchronized Offer offer(Input input) {
        if (!state.takesInput()) {
            return new Offer(true, false);
        }
        boolean room = pending.add(input);
        if (!room) {
            connection.suspendInput();
        }
        boolean run = state.is(Phase.IDLE);
        if (run) {
            state = state.in(Phase.RUNNING);
        }
        return new Offer(room, run);
    }

    /**
     * The next input, or none when the thread running the session is to stop: none is left (the
     * session is idle), a login waits for the client's name, or the connection is gone (the
     * caller releases the session).
     */
    synchronized Turn next() {
        if (state.is(Phase.CLOSED)) {
            return new Turn(Optional.empty(), false, true);
        }
        if (session.state() == SessionState.TRANSACTION && pending.loggedIn()) {
            writer.highWater(ReplyWriter.HIGH_WATER); // once: a session never goes back
            connection.loggedIn();
        }
        Input input = pending.peek();
        if (input == null) {
            state = state.in(Phase.IDLE);
            return new Turn(Optional.empty(), false, false);
        }
        if (!state.clientSettled()
                && input instanceof Input.Line line
                && dispatcher.waitsForClient(session, line.text())) {
            // A login waits for the client's name, at most until the lookup's deadline.
            state = state.in(Phase.WAITING_FOR_CLIENT);
            return new Turn(Optional.empty(), false, false);
        }
        return new Turn(Optional.of(input), pending.take(), false);
    }

    /**
     * The client lookup ended: the session's connection facts get the client's {@code name} and
     * the rules' variables, a denied client is marked so; RUN when a login waited for it.
     */
    synchronized Then settled(Optional<String> name, AccessDecision decision) {
        session.connection(ClientFacts.settled(session.connection(), name, decision));
        if (!decision.allowed()) {
            session.denyAccess();
        }
        boolean waited = state.is(Phase.WAITING_FOR_CLIENT);
        state = state.settled();
        return waited ? Then.RUN : Then.NOTHING;
    }

    /** The session ends {@code how} before it began (refused): input is dropped. */
    synchronized void refused(String how) {
        state = state.shut(how);
    }

    /** The session ends with its own reply, {@code how}: input is dropped. */
    synchronized void ending(String how) {
        state = state.shut(how);
        pending.clear();
    }

    /** STLS: input is dropped until the handshake is done; true when the transport must resume reading. */
    synchronized boolean holdForTls() {
        state = state.untilTls();
        return pending.clear();
    }

    /** TLS is established: input is taken again, and the connection facts say it is secure. */
    synchronized void tlsDone() {
        state = state.tlsDone();
        session.connection(ClientFacts.secured(session.connection()));
    }

    /** Autologout (RFC 1939 §3): an idle session is told; NOTHING when the timeout was seen already. */
    synchronized Then idle() {
        if (state.how().equals(DriverState.IDLE_TIMEOUT)) {
            return Then.NOTHING; // a byte trickle can report the overdue line again before the close lands
        }
        state = state.endsAs(DriverState.IDLE_TIMEOUT);
        if (connection.queuedBytes() > 0) {
            return Then.ABORT; // what is queued would never flush, so neither would a close
        }
        if (state.is(Phase.IDLE)) {
            connection.write(INACTIVE.getBytes(StandardCharsets.US_ASCII), null);
        }
        return Then.CLOSE;
    }

    /**
     * A newer login takes the maildrop over: input is dropped; a session nobody runs is closed (and
     * told so, unless its client stopped reading) and released by the caller; a running one is
     * cut off, and released when its command returns.
     */
    synchronized Then takeOver() {
        if (state.is(Phase.CLOSED)) {
            return Then.NOTHING;
        }
        pending.clear();
        if (state.is(Phase.RUNNING)) {
            state = state.shut("taken over");
            return Then.ABORT;
        }
        state = state.shut("taken over").in(Phase.CLOSED);
        writer.connectionClosed();
        if (connection.queuedBytes() > 0) {
            return Then.ABORT_AND_RELEASE;
        }
        connection.write(TAKEN_OVER.getBytes(StandardCharsets.US_ASCII), null);
        return Then.CLOSE_AND_RELEASE;
    }

    /** The connection is gone: RELEASE unless the thread running the session will. */
    synchronized Then closed() {
        if (state.is(Phase.CLOSED)) {
            return Then.NOTHING;
        }
        boolean running = state.is(Phase.RUNNING);
        state = state.in(Phase.CLOSED);
        writer.connectionClosed();
        pending.clear();
        return running && !writer.abandon() ? Then.NOTHING : Then.RELEASE;
    }

    synchronized boolean connectionGone() {
        return state.is(Phase.CLOSED);
    }

    synchronized String how() {
        return state.how();
    }

    synchronized long inputPeak() {
        return pending.peak();
    }
}
