package io.tanpopo.pop3.session;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.access.AccessDecision;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.protocol.SessionState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one session over a {@link Connection}: queues the lines the transport decoded, runs them one
 * at a time on a worker thread (never on an I/O thread), writes each reply in order and reads the
 * next line only when the previous reply, body included, is on its way (RFC 2449 §6.6 PIPELINING).
 * A failed login's reply is scheduled after its delay, never slept. Whichever thread runs the session
 * ("owns" it) is the only one touching the session state; ownership passes from worker to timer to
 * write completion and back, and for a login with a blocking authenticator from worker to an
 * authentication thread and back.
 */
public final class SessionDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDriver.class);
    private static final Object TOO_LONG = new Object();
    private static final Object DENIED = new Object();
    /** RFC 2449 §8.1.1: the maildrop is in use, by the session that replaced this one. */
    private static final String TAKEN_OVER = "-ERR [IN-USE] Session taken over by a newer login\r\n";
    /**
     * Input queued, and replies queued for writing, before login: a client needs a few lines there
     * (RFC 1939 §7); a flood gets back-pressure, and a client that does not read waits for itself.
     */
    static final long BEFORE_LOGIN = 8 * 1024;
    /** Input held after login, room for a pipelining client's burst of commands (RFC 2449 §6.6). */
    static final long LOGGED_IN = 64 * 1024;

    /** A decoded line and its length on the wire. */
    private record Line(String text, int octets) {}

    private final Dispatcher dispatcher;
    private final Pop3Session session;
    private final Connection connection;
    private final Executor workers;
    private final Executor authentication;
    private final ScheduledExecutorService timer;
    private final SessionListener listener;
    private final ReplyWriter writer;
    private final Inbox inbox;
    /** The longest line the session takes next; read by the transport's I/O thread. */
    private volatile int lineLimit;

    private boolean running;
    private boolean closed;
    private boolean discarding;
    private boolean idled;
    private String closedHow = "closed";
    private boolean clientSettled;
    private boolean waitingForClient;
    /** Whether the bounds of a logged-in session are in force (see {@link #BEFORE_LOGIN}). */
    private boolean loggedIn;
    /** Run once the session is released; none until {@link #onRelease} sets one. */
    private Runnable onRelease;

    public SessionDriver(Dispatcher dispatcher, Pop3Session session, Connection connection, SessionRuntime runtime) {
        this.dispatcher = dispatcher;
        this.session = session;
        this.connection = connection;
        this.workers = runtime.workers();
        this.authentication = runtime.authentication();
        this.timer = runtime.timer();
        this.listener = runtime.listener();
        this.writer = new ReplyWriter(connection, workers, session.id());
        this.inbox = new Inbox(SessionDriver::cost, BEFORE_LOGIN);
        writer.highWater(BEFORE_LOGIN);
        this.lineLimit = dispatcher.nextLineLimit(session);
    }

    private static int cost(Object item) {
        return item instanceof Line line ? Inbox.cost(line.octets()) : Inbox.ITEM_OVERHEAD;
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
        connection.write((greeting + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
    }

    /**
     * Answers {@code line} (a whole {@code -ERR} line, without CRLF) instead of the greeting and
     * closes: the connection was over a limit, or an access rule denies its address. Listeners
     * hear of it as a session that opened and closed {@code how}.
     */
    public void refuse(String line, String how) {
        synchronized (this) {
            closedHow = how;
            discarding = true;
        }
        listener.opened(session);
        connection.write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
        connection.close();
    }

    /** Runs {@code action} once the session is released (after listeners heard it closed). */
    public synchronized void onRelease(Runnable action) {
        this.onRelease = action;
    }

    /**
     * A line arrived: {@code octets} long on the wire, CRLF included. Returns whether more lines
     * may be handed over now; when not, the transport keeps the rest of its input unread and reads
     * no more until {@link Connection#resumeInput()}.
     */
    public boolean lineReceived(String line, int octets) {
        return enqueue(new Line(line, octets));
    }

    /**
     * The longest line, CRLF included, the session takes next: a command line's limit, or more while
     * a SASL response is awaited (RFC 5034 §4). Any thread.
     */
    public int lineLimit() {
        return lineLimit;
    }

    /** The most bytes of input this session has held queued at once (lines and their objects). */
    public synchronized long inputPeak() {
        return inbox.peak();
    }

    /**
     * The client's name lookup has ended (or its deadline passed) and the access rules have
     * decided: the next command sees the name and the rules' variables in the connection facts, a
     * login held back for them goes on, and a denied client gets its {@code -ERR} and is closed.
     */
    public void clientSettled(Optional<String> name, AccessDecision decision) {
        boolean resume;
        synchronized (this) {
            ConnectionInfo known = session.connection();
            // Without a name or variables (no resolver, no rules: every test server) nothing changes.
            if (name.isPresent()
                    || !decision.environment().isEmpty()
                    || known.remoteHostName().isPresent()) {
                Map<String, String> environment = new HashMap<>(known.environment());
                environment.putAll(decision.environment());
                session.connection(new ConnectionInfo(
                        known.local(), known.remote(), known.localHostName(), name, known.secure(), environment));
            }
            if (!decision.allowed()) {
                session.denyAccess();
            }
            clientSettled = true;
            resume = waitingForClient;
            waitingForClient = false;
        }
        if (!decision.allowed()) {
            enqueue(DENIED);
        }
        if (resume) {
            workers.execute(this::drain);
        }
    }

    /** A line over the limit arrived; it was discarded without being kept. Returns as {@link #lineReceived}. */
    public boolean lineTooLong() {
        return enqueue(TOO_LONG);
    }

    /** TLS is established: lines are accepted again (none sent before it were kept). */
    public synchronized void tlsEstablished() {
        discarding = false;
        ConnectionInfo plain = session.connection();
        session.connection(new ConnectionInfo(
                plain.local(),
                plain.remote(),
                plain.localHostName(),
                plain.remoteHostName(),
                true,
                plain.environment()));
    }

    /** The client was idle too long: autologout (RFC 1939 §3), nothing committed. */
    public void idle() {
        boolean abort = false;
        synchronized (this) {
            if (idled) {
                return; // a byte trickle can report the overdue line again before the close lands
            }
            idled = true;
            closedHow = "idle timeout";
            if (connection.queuedBytes() > 0) {
                // The client stopped reading: what is queued would never flush, so neither would a close.
                abort = true;
            } else if (!running && !closed) {
                connection.write(
                        "-ERR Disconnected for inactivity\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        null);
            }
        }
        if (abort) {
            connection.abort();
        } else {
            connection.close();
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
        boolean idleNow;
        boolean told = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            closedHow = "taken over";
            discarding = true;
            inbox.clear();
            idleNow = !running || waitingForClient;
            if (idleNow) {
                closed = true;
                running = true; // this thread owns the session now, as closed() would give it a worker
                waitingForClient = false;
                writer.connectionClosed();
                told = connection.queuedBytes() == 0; // else the client stopped reading: say nothing
                if (told) {
                    connection.write(TAKEN_OVER.getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
                }
            }
        }
        if (told) {
            connection.close();
        } else {
            connection.abort();
        }
        if (idleNow) {
            release();
        }
    }

    /** The connection is gone: release the maildrop without committing (RFC 1939 §6). */
    public void closed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            writer.connectionClosed();
            inbox.clear();
            if (running && !waitingForClient && !writer.abandon()) {
                return;
            }
            waitingForClient = false;
            running = true;
        }
        workers.execute(this::release);
    }

    private boolean enqueue(Object item) {
        boolean room;
        synchronized (this) {
            if (closed || discarding) {
                return true;
            }
            room = inbox.add(item);
            if (!room) {
                connection.suspendInput();
            }
            if (running) {
                return room;
            }
            running = true;
        }
        workers.execute(this::drain);
        return room;
    }

    private void drain() {
        while (true) {
            Object item;
            boolean resume;
            synchronized (this) {
                if (closed) {
                    break;
                }
                if (!loggedIn && session.state() == SessionState.TRANSACTION) {
                    loggedIn = true; // once: a session never goes back to AUTHORIZATION
                    inbox.bound(LOGGED_IN);
                    writer.highWater(ReplyWriter.HIGH_WATER);
                    connection.loggedIn();
                }
                item = inbox.peek();
                if (item == null) {
                    running = false;
                    return;
                }
                if (!clientSettled && item instanceof Line line && dispatcher.waitsForClient(session, line.text())) {
                    // A login waits for the client's name, at most until the lookup's deadline.
                    waitingForClient = true;
                    return;
                }
                resume = inbox.take();
            }
            if (resume) {
                connection.resumeInput(); // outside the lock: the transport hands over the lines it kept
            }
            Dispatcher.Outcome outcome;
            if (item instanceof Line line && dispatcher.authenticates(session, line.text())) {
                if (authenticateAside(line)) {
                    return;
                }
                LOG.warn("[{}] every authentication thread is busy and the queue is full: login refused", session.id());
                outcome = dispatcher.authenticationBusy(session, line.text());
            } else {
                outcome = dispatch(item);
            }
            if (!proceed(outcome)) {
                return;
            }
        }
        release();
    }

    /**
     * Puts a login on the authentication threads, so that a blocking authenticator never holds up
     * the workers (another session's RETR); its outcome comes back to a worker. False when those
     * threads and their queue are full.
     */
    private boolean authenticateAside(Line line) {
        try {
            authentication.execute(() -> {
                boolean gone;
                synchronized (this) {
                    gone = closed;
                }
                Dispatcher.Outcome outcome = gone ? null : dispatch(line);
                handBack(() -> {
                    if (outcome == null || proceed(outcome)) {
                        drain();
                    }
                });
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on a worker; on this thread when the workers are stopping. */
    private void handBack(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Sends the reply of one command; true when it went out at once and the next command may run here. */
    private boolean proceed(Dispatcher.Outcome outcome) {
        Reply reply = outcome.reply();
        if (reply.after() == Reply.After.CLOSE) {
            ending(reply);
        }
        if (!outcome.delay().isZero()) {
            // The task only hands the reply to a worker, where its failures are handled; a refusal
            // there means the server is stopping and the connection goes with it.
            var unused = timer.schedule(
                    () -> workers.execute(() -> answer(reply)), outcome.delay().toNanos(), TimeUnit.NANOSECONDS);
            return false;
        }
        if (reply.after() == Reply.After.START_TLS || !writer.writeInline(reply)) {
            answer(reply);
            return false;
        }
        return true;
    }

    private Dispatcher.Outcome dispatch(Object item) {
        MDC.put("session", session.id());
        try {
            if (item == DENIED) {
                return dispatcher.accessDenied(session);
            }
            if (item instanceof Line line) {
                Dispatcher.Outcome outcome = dispatcher.dispatch(session, line.text(), line.octets());
                int limit = dispatcher.nextLineLimit(session);
                if (limit != lineLimit) {
                    lineLimit = limit; // before the reply leaves: the client answers a SASL challenge only then
                }
                return outcome;
            }
            return dispatcher.lineTooLong(session);
        } finally {
            MDC.remove("session");
        }
    }

    /** Sends a reply that needs more than one write, or starts TLS with it. */
    private void answer(Reply reply) {
        if (reply.after() == Reply.After.START_TLS) {
            startTls(reply);
        } else {
            writer.stream(reply, this::drain);
        }
    }

    /** The session ends with this reply: say how, and read no further commands. */
    private synchronized void ending(Reply reply) {
        closedHow = reply.ok() ? "quit" : "closed by server";
        discarding = true;
        inbox.clear();
    }

    /**
     * Everything the client sent after STLS, read or not yet read, is dropped until the handshake
     * is done; TLS goes on before the {@code +OK} leaves, so the client's handshake can only meet TLS.
     */
    private void startTls(Reply reply) {
        boolean resume;
        synchronized (this) {
            discarding = true;
            resume = inbox.clear();
        }
        if (resume) {
            connection.resumeInput(); // what the transport kept is dropped as read; the handshake needs reading
        }
        connection.startTls(new ReplyStream(reply).nextQuietly(), () -> workers.execute(this::drain));
    }

    private void release() {
        session.close().ifPresent(maildrop -> {
            try {
                maildrop.close();
            } catch (RuntimeException e) {
                LOG.warn("[{}] releasing the maildrop failed", session.id(), e);
            }
        });
        Runnable action;
        String how;
        synchronized (this) {
            action = onRelease;
            how = closedHow;
        }
        listener.closed(session, how);
        if (action != null) {
            action.run();
        }
    }
}
