package io.tanpopo.testkit;

import io.tanpopo.pop3.protocol.Command;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.CommandLine;
import io.tanpopo.pop3.protocol.Dispatcher;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.Reply;
import io.tanpopo.pop3.protocol.ReplyBody;
import io.tanpopo.pop3.protocol.ResponseCode;
import io.tanpopo.pop3.protocol.SessionState;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/** Applies the {@link Faults} a command meets, around the profile's own interceptor. */
final class FaultInjector implements CommandInterceptor {

    private final Faults faults;
    private final CommandInterceptor inner;

    FaultInjector(Faults faults, CommandInterceptor inner) {
        this.faults = faults;
        this.inner = inner;
    }

    @Override
    public boolean offers(String keyword) {
        return inner.offers(keyword);
    }

    @Override
    public String greeting(String host, String stamp) {
        return inner.greeting(host, stamp);
    }

    @Override
    public Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command) {
        Optional<Fault> fault = faults.decide(session.id(), userOf(session, line), line.keyword());
        return fault.isPresent() ? apply(fault.get(), session, line, command) : inner.intercept(session, line, command);
    }

    private Dispatcher.Outcome apply(Fault fault, Pop3Session session, CommandLine line, Command command) {
        if (fault instanceof Fault.Err err) {
            return now(new Reply(Reply.Status.ERR, err.code(), err.text(), Optional.empty(), Reply.After.CONTINUE));
        }
        if (fault instanceof Fault.Drop) {
            return now(dropping(Reply.ok(TranscriptRecorder.DROP_MARK), InputStream.nullInputStream(), 0));
        }
        if (fault instanceof Fault.FailCommit
                && line.keyword().equals("QUIT")
                && session.state() == SessionState.TRANSACTION) {
            return now(Reply.err(ResponseCode.SYS_TEMP, "Some deleted messages not removed")
                    .then(Reply.After.CLOSE));
        }
        Dispatcher.Outcome real = inner.intercept(session, line, command);
        Reply reply = real.reply();
        if (fault instanceof Fault.Delay delay) {
            return new Dispatcher.Outcome(reply, real.delay().plus(delay.duration()));
        }
        if (fault instanceof Fault.DropMidBody cut && reply.body().orElse(null) instanceof ReplyBody.Message message) {
            reply = dropping(reply, message.content(), cut.octets());
        }
        if (fault instanceof Fault.WrongListSize wrong && line.keyword().equals("LIST")) {
            reply = ProfileInterceptor.ListReplies.withSizes(
                    reply, (number, size) -> number == wrong.message() ? Math.max(0, size + wrong.delta()) : size);
        }
        return new Dispatcher.Outcome(reply, real.delay());
    }

    private static Reply dropping(Reply reply, InputStream content, long octets) {
        long lines = reply.body().orElse(null) instanceof ReplyBody.Message message ? message.bodyLines() : -1;
        return new Reply(
                reply.status(),
                reply.code(),
                reply.text(),
                Optional.of(new ReplyBody.Message(new DroppingStream(content, octets), lines)),
                reply.after());
    }

    private static Dispatcher.Outcome now(Reply reply) {
        return new Dispatcher.Outcome(reply, Duration.ZERO);
    }

    /** The user a command belongs to: the account, or the name USER or APOP gave. */
    static Optional<String> userOf(Pop3Session session, CommandLine line) {
        if (session.account().isPresent()) {
            return Optional.of(session.account().get().name());
        }
        if (line.keyword().equals("USER") && !line.rest().isEmpty()) {
            return Optional.of(line.rest());
        }
        if (line.keyword().equals("APOP") && line.argumentCount() > 0) {
            return Optional.of(line.argument(0));
        }
        return session.pendingUser();
    }
}
