package io.tanpopo.testkit;

import io.tanpopo.auth.Account;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.protocol.SessionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Records every session into a {@link Transcript} and wakes those waiting for something to
 * happen: awaits wait on a condition signalled here, never poll.
 */
final class TranscriptRecorder implements SessionListener {

    /** The text of the reply the fault injector sends instead of answering (never on the wire). */
    static final String DROP_MARK = "(injected: dropped before the reply)";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Transcript> open = new HashMap<>();
    private final List<Transcript> all = new ArrayList<>();

    @Override
    public void opened(Pop3Session session) {
        Transcript transcript =
                new Transcript(session.id(), session.connection().remote().toString());
        update(() -> {
            open.put(session.id(), transcript);
            all.add(transcript);
        });
    }

    @Override
    public void replied(Pop3Session session, CommandLine line, Reply reply) {
        Exchange exchange =
                new Exchange(line.masked(), wire(reply), session.connection().secure());
        Optional<String> account = session.account().map(Account::name);
        update(() -> transcript(session).ifPresent(t -> t.add(exchange, account)));
    }

    @Override
    public void closed(Pop3Session session, String how) {
        update(() -> Optional.ofNullable(open.remove(session.id())).ifPresent(t -> t.end(how)));
    }

    Transcripts snapshot() {
        lock.lock();
        try {
            return new Transcripts(all, "sessions");
        } finally {
            lock.unlock();
        }
    }

    /** Forgets every session recorded so far (sessions still open keep recording elsewhere). */
    void clear() {
        update(() -> {
            open.clear();
            all.clear();
        });
    }

    /** Waits until a transcript satisfies {@code condition}; fails after {@code timeout}. */
    Transcript await(String what, Predicate<Transcript> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<Transcript> found = all.stream().filter(condition).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + "; sessions so far:\n" + (all.isEmpty() ? "(none)" : new Transcripts(all, "")));
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private Optional<Transcript> transcript(Pop3Session session) {
        return Optional.ofNullable(open.get(session.id()));
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String wire(Reply reply) {
        if (reply.body().orElse(null) instanceof ReplyBody.Message message
                && message.content() instanceof DroppingStream) {
            return DROP_MARK.equals(reply.text())
                    ? "(no reply: connection dropped by an injected fault)"
                    : reply.statusLine() + " (connection dropped mid-body by an injected fault)";
        }
        return reply.statusLine();
    }
}
