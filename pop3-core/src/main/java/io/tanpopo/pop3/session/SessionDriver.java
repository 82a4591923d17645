package io.tanpopo.pop3.session;

import io.tanpopo.pop3.access.AccessDecision;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs one session over a {@link Connection}: takes what the transport reports (lines, the end of
 * the client lookup, idleness, TLS, the close) and queues the lines, which its {@link CommandLoop}
 * runs one at a time on a worker thread, never on an I/O thread. Whichever thread runs the session
 * ("owns" it) is the only one touching the session state; ownership passes from worker to timer to
 * write completion and back, and for a login with a blocking authenticator from worker to an
 * authentication thread and back. Whose turn it is, and what is queued, is {@link SessionTurns}.
 */
public final class SessionDriver {

    private final Pop3Session session;
    private final Connection connection;
    private final SessionRuntime runtime;
    private final SessionListener listener;
    private final CommandLoop loop;
    private final SessionTurns turns;
    private final SessionEnd end;

    public SessionDriver(Dispatcher dispatcher, Pop3Session session, Connection connection, SessionRuntime runtime) {
        this.session = session;
        this.connection = connection;
        this.runtime = runtime;
        this.listener = runtime.listener();
        this.loop = new CommandLoop(this, dispatcher, connection, runtime);
        this.turns = new SessionTurns(session, dispatcher, connection, loop.writer());
        this.end = new SessionEnd(session, listener);
    }

    public Pop3Session session() {
        return session;
    }

    /**
     * Sends {@code greeting} (a whole {@code +OK} line, without CRLF, the APOP stamp last) at once
     * (RFC 1939 §4).
     */
    public void greet(String greeting) {
        listener.opened(session);
        send(greeting);
    }

    /**
     * Answers {@code line} (a whole {@code -ERR} line, without CRLF) instead of the greeting and
     * closes: the connection was over a limit, or an access rule denies its address. Listeners
     * hear of it as a session that opened and closed {@code how}.
     */
    public void refuse(String line, String how) {
        turns.refused(how);
        listener.opened(session);
        send(line);
        connection.close();
    }

    /** Runs {@code action} once the session is released (after listeners heard it closed). */
    public void onRelease(Runnable action) {
        end.then(action);
    }

    /**
     * A line arrived: {@code octets} long on the wire, CRLF included. Returns whether more lines
     * may be handed over now; when not, the transport keeps the rest of its input unread and reads
     * no more until {@link Connection#resumeInput()}.
     */
    public boolean lineReceived(String line, int octets) {
        return enqueue(new Input.Line(line, octets));
    }

    /** A line over the limit arrived; it was discarded without being kept. Returns as {@link #lineReceived}. */
    public boolean lineTooLong() {
        return enqueue(Input.Signal.LINE_TOO_LONG);
    }

    /**
     * The longest line, CRLF included, the session takes next: a command line's limit, or more while
     * a SASL response is awaited (RFC 5034 §4). Any thread.
     */
    public int lineLimit() {
        return loop.lineLimit();
    }

    /** The most bytes of input this session has held queued at once (lines and their objects). */
    public long inputPeak() {
        return turns.inputPeak();
    }

    /**
     * The client's name lookup has ended (or its deadline passed) and the access rules have
     * decided: the next command sees the name and the rules' variables in the connection facts, a
     * login held back for them goes on, and a denied client gets its {@code -ERR} and is closed.
     */
    public void clientSettled(Optional<String> name, AccessDecision decision) {
        SessionTurns.Then then = turns.settled(name, decision);
        if (!decision.allowed()) {
            enqueue(Input.Signal.ACCESS_DENIED);
        }
        if (then == SessionTurns.Then.RUN) {
            runtime.workers().execute(loop::drain);
        }
    }

    /** TLS is established: lines are accepted again (none sent before it were kept). */
    public void tlsEstablished() {
        turns.tlsDone();
    }

    /** The client was idle too long: autologout (RFC 1939 §3), nothing committed. */
    public void idle() {
        switch (turns.idle()) {
            case ABORT -> connection.abort();
            case CLOSE -> connection.close();
            default -> {}
        }
    }

    /**
     * A newer login of the same user takes the maildrop over ({@code store.maildir.lock=takeover}):
     * the session ends as a dropped connection and commits nothing (RFC 1939 §6). An idle session
     * is told so in one line, like an autologout, and released at once on the caller's thread, so
     * the newer login waits for no worker; a session running a command is cut off and released
     * when that command returns.
     */
    public void takeOver() {
        switch (turns.takeOver()) {
            case ABORT -> connection.abort();
            case ABORT_AND_RELEASE -> {
                connection.abort();
                release();
            }
            case CLOSE_AND_RELEASE -> {
                connection.close();
                release();
            }
            default -> {}
        }
    }

    /** The connection is gone: release the maildrop without committing (RFC 1939 §6). */
    public void closed() {
        if (turns.closed() == SessionTurns.Then.RELEASE) {
            runtime.workers().execute(this::release);
        }
    }

    private boolean enqueue(Input input) {
        SessionTurns.Offer offer = turns.offer(input);
        if (offer.run()) {
            runtime.workers().execute(loop::drain);
        }
        return offer.room();
    }

    /**
     * For the thread that runs the session: the next input, or empty when it is to stop because
     * none is left (the session is idle), a login waits for the client's name, or the connection
     * is gone (the session is released here).
     */
    Optional<Input> next() {
        SessionTurns.Turn turn = turns.next();
        if (turn.release()) {
            release();
        }
        if (turn.resume()) {
            connection.resumeInput(); // outside the lock: the transport hands over the lines it kept
        }
        return turn.input();
    }

    /** Whether the connection is gone; the thread running the session then stops at its next input. */
    boolean connectionGone() {
        return turns.connectionGone();
    }

    /** The session ends with this reply: say how, and read no further commands. */
    void ending(Reply reply) {
        turns.ending(reply.ok() ? "quit" : "closed by server");
    }

    /** STLS: drops every input until the handshake is done; true when the transport must resume reading. */
    boolean holdInputForTls() {
        return turns.holdForTls();
    }

    private void send(String line) {
        connection.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII), null);
    }

    private void release() {
        end.release(turns.how());
    }
}
