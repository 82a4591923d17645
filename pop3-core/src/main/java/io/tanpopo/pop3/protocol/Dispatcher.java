package io.tanpopo.pop3.protocol;

import java.nio.charset.StandardCharsets;
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

    /** Dispatches a line given as text (its wire length taken as its UTF-8 length plus CRLF). */
    public Outcome dispatch(Pop3Session session, String line) {
        return dispatch(session, line, line.getBytes(StandardCharsets.UTF_8).length + 2);
    }

    /** Dispatches a line that had {@code octets} octets on the wire, CRLF included. */
    public Outcome dispatch(Pop3Session session, String line, int octets) {
        // RFC 2449 §4: a command line is at most the configured octets; SASL responses may be longer.
        Optional<Continuation> continuation = session.takeContinuation();
        if (continuation.isPresent()) {
            return respond(session, continuation.get(), line);
        }
        if (octets > context.config().maxLineLength()) {
            return lineTooLong(session);
        }
        if (!isClean(line) || line.isBlank()) {
            return bad(session, null, "Invalid command");
        }
        CommandLine command = CommandLine.parse(line);
        CommandLine heard = command.redacted(); // listeners never see a secret (SessionListener)
        context.listener().command(session, heard);
        boolean enabled = context.hooks().profile().enables(command.keyword());
        Optional<Command> found = table.find(session.state(), command.keyword()).filter(c -> enabled);
        if (found.isEmpty()) {
            return bad(session, heard, enabled && table.isKnown(command.keyword())
                    ? "Command not valid in this state" : "Unknown command");
        }
        Outcome intercepted = context.hooks().interceptor().intercept(session, command,
                (s, l) -> execute(() -> found.get().execute(s, l), l.keyword()));
        Reply reply = intercepted.reply();
        context.listener().replied(session, heard, reply);
        return new Outcome(reply, delayFor(session, reply).plus(intercepted.delay()));
    }

    /** A SASL response line: never parsed as a command, never logged in clear. */
    private Outcome respond(Pop3Session session, Continuation continuation, String line) {
        CommandLine masked = new CommandLine("", java.util.List.of(), "(SASL response)");
        context.listener().command(session, masked);
        Reply reply = execute(() -> continuation.respond(session, line.strip()), "AUTH");
        context.listener().replied(session, masked, reply);
        return new Outcome(reply, delayFor(session, reply));
    }

    private Duration delayFor(Pop3Session session, Reply reply) {
        return reply.isAuthFailure()
                ? context.throttle().failed(session.connection().remote().getAddress())
                : Duration.ZERO;
    }

    /** Answers a line longer than the limit, which was discarded unread (RFC 2449 §4). */
    public Outcome lineTooLong(Pop3Session session) {
        return bad(session, null, "Line too long");
    }

    private Reply execute(java.util.function.Supplier<Reply> command, String keyword) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            LOG.error("command {} failed", keyword, e);
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
