package io.tanpopo.pop3.protocol;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one command line into one reply, once for every command: checks the characters, finds the
 * command in the table of the session's state, counts bad commands, and decides how long a failed
 * login waits before its answer. Unexpected exceptions are logged once and answered with a generic
 * {@code -ERR}.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** A reply and how long to hold it back (a failed login's delay, RFC 1939 §13). */
    public record Outcome(Reply reply, Duration delay) {
    }

    private final ProtocolContext context;
    private final CommandTable table;

    public Dispatcher(ProtocolContext context, CommandTable table) {
        this.context = context;
        this.table = table;
    }

    public Outcome dispatch(Pop3Session session, String line) {
        if (!isClean(line) || line.isBlank()) {
            return bad(session, null, "Invalid command");
        }
        CommandLine command = CommandLine.parse(line);
        context.listener().command(session, command);
        boolean enabled = context.hooks().profile().enables(command.keyword());
        Optional<Command> found = table.find(session.state(), command.keyword()).filter(c -> enabled);
        if (found.isEmpty()) {
            return bad(session, command, enabled && table.isKnown(command.keyword())
                    ? "Command not valid in this state" : "Unknown command");
        }
        Outcome intercepted = context.hooks().interceptor().intercept(session, command,
                (s, l) -> execute(found.get(), s, l));
        Reply reply = intercepted.reply();
        context.listener().replied(session, command, reply);
        Duration delay = reply.isAuthFailure()
                ? context.throttle().failed(session.connection().remote().getAddress())
                : Duration.ZERO;
        return new Outcome(reply, delay.plus(intercepted.delay()));
    }

    /** Answers a line longer than the limit, which was discarded unread (RFC 2449 §4). */
    public Outcome lineTooLong(Pop3Session session) {
        return bad(session, null, "Line too long");
    }

    private Reply execute(Command command, Pop3Session session, CommandLine line) {
        try {
            return command.execute(session, line);
        } catch (RuntimeException e) {
            LOG.error("command {} failed", line.keyword(), e);
            return Reply.err(ResponseCode.SYS_TEMP, "Internal error");
        }
    }

    private Outcome bad(Pop3Session session, CommandLine line, String text) {
        Reply reply = session.countBadCommand() >= context.config().maxBadCommands()
                ? Reply.err(text + ", too many bad commands, closing").then(Reply.After.CLOSE)
                : Reply.err(text);
        if (line != null) {
            context.listener().replied(session, line, reply);
        }
        return new Outcome(reply, Duration.ZERO);
    }

    /** No NUL or other control characters besides tab (RFC 1939 §3: printable ASCII commands). */
    private static boolean isClean(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c == '\uFFFD') {
                return false;
            }
        }
        return true;
    }
}
