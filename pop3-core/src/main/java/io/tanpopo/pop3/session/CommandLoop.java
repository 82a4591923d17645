package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a session's queued inputs one at a time and sends each reply, in order: a short reply at
 * once and the next input on the same thread; a failed login's reply after its delay, scheduled,
 * never slept; a long reply streamed; STLS's reply with TLS put on first. The next input runs only
 * once the previous reply, body included, is on its way (RFC 2449 §6.6). A login with a blocking
 * authenticator runs on an authentication thread, never holding up the workers. Only the thread
 * that runs the session (see {@link SessionDriver}) calls in here.
 */
final class CommandLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);

    private final SessionDriver driver;
    private final Dispatcher dispatcher;
    private final Pop3Session session;
    private final Connection connection;
    private final SessionRuntime runtime;
    private final ReplyWriter writer;
    /** The longest line the session takes next; read by the transport's I/O thread. */
    private volatile int lineLimit;

    CommandLoop(SessionDriver driver, Dispatcher dispatcher, Connection connection, SessionRuntime runtime) {
        this.driver = driver;
        this.dispatcher = dispatcher;
        this.session = driver.session();
        this.connection = connection;
        this.runtime = runtime;
        this.writer = new ReplyWriter(connection, runtime.workers(), session.id());
        // Before login, a client that pipelines commands but never reads makes the server hold little.
        writer.highWater(PendingLines.BEFORE_LOGIN);
        this.lineLimit = dispatcher.nextLineLimit(session);
    }

    ReplyWriter writer() {
        return writer;
    }

    /** See {@link SessionDriver#lineLimit()}. */
    int lineLimit() {
        return lineLimit;
    }

    /** Runs inputs until none is left, one's reply must wait, or the session is released. */
    void drain() {
        for (Optional<Input> next = driver.next(); next.isPresent(); next = driver.next()) {
            if (!run(next.get())) {
                return;
            }
        }
    }

    /** Runs one input; true when its reply went out at once and the next input may run here. */
    private boolean run(Input input) {
        if (input instanceof Input.Line line && dispatcher.authenticates(session, line.text())) {
            if (authenticateAside(line)) {
                return false;
            }
            LOG.warn("[{}] every authentication thread is busy and the queue is full: login refused", session.id());
            return proceed(dispatcher.authenticationBusy(session, line.text()));
        }
        return proceed(dispatch(input));
    }

    /**
     * Puts a login on the authentication threads; its outcome comes back to a worker. False when
     * those threads and their queue are full.
     */
    private boolean authenticateAside(Input.Line line) {
        try {
            runtime.authentication().execute(() -> {
                Optional<Dispatcher.Outcome> outcome =
                        driver.connectionGone() ? Optional.empty() : Optional.of(dispatch(line));
                handBack(() -> {
                    if (outcome.isEmpty() || proceed(outcome.get())) {
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
            runtime.workers().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    private Dispatcher.Outcome dispatch(Input input) {
        MDC.put("session", session.id());
        try {
            Dispatcher.Outcome outcome = input.dispatch(dispatcher, session);
            // Before the reply leaves: the client answers a SASL challenge only then.
            lineLimit = dispatcher.nextLineLimit(session);
            return outcome;
        } finally {
            MDC.remove("session");
        }
    }

    /** Sends the reply of one input; true when it went out at once and the next input may run here. */
    private boolean proceed(Dispatcher.Outcome outcome) {
        Reply reply = outcome.reply();
        if (reply.after() == Reply.After.CLOSE) {
            driver.ending(reply);
        }
        if (!outcome.delay().isZero()) {
            // The task only hands the reply to a worker, where its failures are handled; a refusal
            // there means the server is stopping and the connection goes with it.
            Executor workers = runtime.workers();
            var unused = runtime.timer()
                    .schedule(
                            () -> workers.execute(() -> answer(reply)),
                            outcome.delay().toNanos(),
                            TimeUnit.NANOSECONDS);
            return false;
        }
        if (reply.after() == Reply.After.START_TLS || !writer.writeInline(reply)) {
            answer(reply);
            return false;
        }
        return true;
    }

    /** Sends a reply that needs more than one write, or starts TLS with it. */
    private void answer(Reply reply) {
        if (reply.after() == Reply.After.START_TLS) {
            startTls(reply);
        } else {
            writer.stream(reply, this::drain);
        }
    }

    /**
     * Everything the client sent after STLS, read or not yet read, is dropped until the handshake
     * is done; TLS goes on before the {@code +OK} leaves, so the client's handshake can only meet TLS.
     */
    private void startTls(Reply reply) {
        if (driver.holdInputForTls()) {
            connection.resumeInput(); // what the transport kept is dropped as read; the handshake needs reading
        }
        connection.startTls(
                new ReplyStream(reply).nextQuietly(), () -> runtime.workers().execute(this::drain));
    }
}
