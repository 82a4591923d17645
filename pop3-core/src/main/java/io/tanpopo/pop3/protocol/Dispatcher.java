package io.tanpopo.pop3.protocol;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
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

    /** The reply to a client that the access rules deny (RFC 3206 §4, SYS/PERM). */
    static final Reply ACCESS_DENIED = Reply.err(ResponseCode.SYS_PERM, "Access denied").then(Reply.After.CLOSE);
    /** Commands that check credentials and so wait for the client's name (TCPREMOTEHOST, host rules). */
    private static final Set<String> LOGIN_COMMANDS = Set.of("PASS", "APOP", "AUTH");

    private final ProtocolContext context;
    private final CommandTable table;

    public Dispatcher(ProtocolContext context, CommandTable table) {
        this.context = context;
        this.table = table;
    }

    public Outcome dispatch(Pop3Session session, String line) {
        if (session.accessDenied()) {
            return accessDenied(session);
        }
        if (!isClean(line) || line.isBlank()) {
            return bad(session, null, "Invalid command");
        }
        CommandLine command = CommandLine.parse(line);
        context.listener().command(session, command);
        Optional<Command> found = table.find(session.state(), command.keyword());
        if (found.isEmpty()) {
            return bad(session, command, table.isKnown(command.keyword())
                    ? "Command not valid in this state" : "Unknown command");
        }
        Reply reply = execute(found.get(), session, command);
        context.listener().replied(session, command, reply);
        Duration delay = reply.isAuthFailure()
                ? context.throttle().failed(session.connection().remote().getAddress())
                : Duration.ZERO;
        return new Outcome(reply, delay);
    }

    /** Answers a line longer than the limit, which was discarded unread (RFC 2449 §4). */
    public Outcome lineTooLong(Pop3Session session) {
        return session.accessDenied() ? accessDenied(session) : bad(session, null, "Line too long");
    }

    /** Answers a client that the access rules denied once its name was known, and closes. */
    public Outcome accessDenied(Pop3Session session) {
        return new Outcome(ACCESS_DENIED, Duration.ZERO);
    }

    /**
     * Whether {@code line} checks credentials in AUTHORIZATION and so must wait for the client's
     * name lookup (checkpassword's {@code TCPREMOTEHOST}, host access rules); the driver holds it
     * back at most until the lookup's deadline.
     */
    public boolean waitsForClient(Pop3Session session, String line) {
        return session.state() == SessionState.AUTHORIZATION && isClean(line) && !line.isBlank()
                && LOGIN_COMMANDS.contains(CommandLine.parse(line).keyword());
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
