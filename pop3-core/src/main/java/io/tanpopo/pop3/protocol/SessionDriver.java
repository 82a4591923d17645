package io.tanpopo.pop3.protocol;

import io.tanpopo.auth.ConnectionInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
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
 * write completion and back.
 */
public final class SessionDriver {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDriver.class);
    private static final Object TOO_LONG = new Object();

    /** A decoded line and its length on the wire. */
    private record Line(String text, int octets) {
    }
    private static final int MAX_QUEUED = 256;
    private static final long HIGH_WATER = 256 * 1024;

    private final Dispatcher dispatcher;
    private final Pop3Session session;
    private final Connection connection;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final SessionListener listener;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private boolean running;
    private boolean suspended;
    private boolean closed;
    private boolean discarding;
    private boolean idled;
    private String closedHow = "closed";

    public SessionDriver(Dispatcher dispatcher, Pop3Session session, Connection connection,
            SessionRuntime runtime) {
        this.dispatcher = dispatcher;
        this.session = session;
        this.connection = connection;
        this.workers = runtime.workers();
        this.timer = runtime.timer();
        this.listener = runtime.listener();
    }

    public Pop3Session session() {
        return session;
    }

    /** Sends the greeting at once (RFC 1939 §4), with the APOP stamp last on the line. */
    public void start(String hostname) {
        greet("+OK " + hostname + " POP3 server ready " + session.apopStamp());
    }

    /** Sends {@code greeting} (a whole {@code +OK} line, without CRLF) at once. */
    public void greet(String greeting) {
        listener.opened(session);
        connection.write((greeting + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
    }

    /** A line arrived: {@code octets} long on the wire, CRLF included. */
    public void lineReceived(String line, int octets) {
        enqueue(new Line(line, octets));
    }

    /** A line over the limit arrived; it was discarded without being kept. */
    public void lineTooLong() {
        enqueue(TOO_LONG);
    }

    /** TLS is established: lines are accepted again (none sent before it were kept). */
    public synchronized void tlsEstablished() {
        discarding = false;
        ConnectionInfo plain = session.connection();
        session.connection(new ConnectionInfo(plain.local(), plain.remote(), plain.localHostName(),
                plain.remoteHostName(), true, plain.environment()));
    }

    /** The client was idle too long: autologout (RFC 1939 §3), nothing committed. */
    public void idle() {
        synchronized (this) {
            if (idled) {
                return; // a byte trickle can report the overdue line again before the close lands
            }
            idled = true;
            if (!running && !closed) {
                connection.write("-ERR Disconnected for inactivity\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null);
            }
            closedHow = "idle timeout";
        }
        connection.close();
    }

    /** The connection is gone: release the maildrop without committing (RFC 1939 §6). */
    public void closed() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            inbox.clear();
            if (running) {
                return;
            }
            running = true;
        }
        workers.execute(this::release);
    }

    private void enqueue(Object item) {
        synchronized (this) {
            if (closed || discarding) {
                return;
            }
            inbox.add(item);
            if (!suspended && inbox.size() >= MAX_QUEUED) {
                suspended = true;
                connection.suspendInput();
            }
            if (running) {
                return;
            }
            running = true;
        }
        workers.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Object item;
            synchronized (this) {
                if (closed) {
                    break;
                }
                item = inbox.poll();
                if (item == null) {
                    running = false;
                    return;
                }
                if (suspended && inbox.size() <= MAX_QUEUED / 2) {
                    suspended = false;
                    connection.resumeInput();
                }
            }
            Dispatcher.Outcome outcome = dispatch(item);
            if (!outcome.delay().isZero()) {
                timer.schedule(() -> workers.execute(() -> send(outcome.reply())),
                        outcome.delay().toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
            if (outcome.reply().after() == Reply.After.START_TLS) {
                startTls(outcome.reply());
                return;
            }
            if (!sendInline(outcome.reply())) {
                return;
            }
        }
        release();
    }

    private Dispatcher.Outcome dispatch(Object item) {
        MDC.put("session", session.id());
        try {
            if (item instanceof Line line) {
                return dispatcher.dispatch(session, line.text(), line.octets());
            }
            return dispatcher.lineTooLong(session);
        } finally {
            MDC.remove("session");
        }
    }

    /** Writes a short reply and returns true to go on at once; otherwise streams it and returns false. */
    private boolean sendInline(Reply reply) {
        if (reply.body().isEmpty() && reply.after() == Reply.After.CONTINUE
                && connection.queuedBytes() < HIGH_WATER) {
            connection.write(new ReplyStream(reply).nextQuietly(), null);
            return true;
        }
        send(reply);
        return false;
    }

    private void send(Reply reply) {
        pump(new ReplyStream(reply), reply);
    }

    private void pump(ReplyStream stream, Reply reply) {
        if (isClosed()) {
            closeQuietly(stream);
            drain();
            return;
        }
        if (!stream.hasNext()) {
            after(reply);
            return;
        }
        byte[] chunk;
        try {
            chunk = stream.next();
        } catch (IOException e) {
            // The status line is out: the only honest end is to drop the connection.
            LOG.warn("[{}] reading a message failed mid-reply, closing", session.id(), e);
            closeQuietly(stream);
            connection.close();
            drain();
            return;
        }
        connection.write(chunk, () -> workers.execute(() -> pump(stream, reply)));
    }

    private void after(Reply reply) {
        switch (reply.after()) {
            case CLOSE -> {
                synchronized (this) {
                    closedHow = reply.ok() ? "quit" : "closed by server";
                    discarding = true;
                    inbox.clear();
                }
                connection.close();
            }
            case CONTINUE -> {
            }
        }
        drain();
    }

    /**
     * Everything the client sent after STLS, read or not yet read, is dropped until the handshake
     * is done; TLS goes on before the {@code +OK} leaves, so the client's handshake can only meet TLS.
     */
    private void startTls(Reply reply) {
        synchronized (this) {
            discarding = true;
            inbox.clear();
        }
        connection.startTls(new ReplyStream(reply).nextQuietly(), () -> workers.execute(this::drain));
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void release() {
        session.close().ifPresent(maildrop -> {
            try {
                maildrop.close();
            } catch (RuntimeException e) {
                LOG.warn("[{}] releasing the maildrop failed", session.id(), e);
            }
        });
        listener.closed(session, closedHow);
    }

    private static void closeQuietly(ReplyStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing a message stream failed", e);
        }
    }
}
