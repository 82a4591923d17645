package io.tanpopo.pop3.protocol;

import java.nio.charset.StandardCharsets;
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
    public record Outcome(Reply reply, Duration delay) {}

    /** The reply to a client that the access rules deny (RFC 3206 §4, SYS/PERM). */
    public static final Reply ACCESS_DENIED =
            Reply.err(ResponseCode.SYS_PERM, "Access denied").then(Reply.After.CLOSE);
    /** The reply to a login when every authentication thread is busy and the queue is full. */
    static final Reply AUTHENTICATION_BUSY = Reply.err(ResponseCode.SYS_TEMP, "Authentication busy, try again later");
    /** Commands that check credentials and so wait for the client's name (TCPREMOTEHOST, host rules). */
    private static final Set<String> LOGIN_COMMANDS = Set.of("PASS", "APOP", "AUTH");

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
        if (session.accessDenied()) {
            return accessDenied(session);
        }
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
        boolean enabled = context.interceptor().offers(command.keyword());
        Optional<Command> found = table.find(session.state(), command.keyword()).filter(c -> enabled);
        if (found.isEmpty()) {
            return bad(
                    session,
                    heard,
                    enabled && table.isKnown(command.keyword())
                            ? "Command not valid in this state"
                            : "Unknown command");
        }
        Outcome intercepted = context.interceptor()
                .intercept(session, command, (s, l) -> execute(() -> found.get().execute(s, l), l.keyword()));
        Reply reply = intercepted.reply();
        context.listener().replied(session, heard, reply);
        return new Outcome(reply, delayFor(session).plus(intercepted.delay()));
    }

    /** A SASL response line: never parsed as a command, never logged in clear. */
    private Outcome respond(Pop3Session session, Continuation continuation, String line) {
        CommandLine masked = new CommandLine("", java.util.List.of(), "(SASL response)");
        context.listener().command(session, masked);
        Reply reply = execute(() -> continuation.respond(session, line.strip()), "AUTH");
        context.listener().replied(session, masked, reply);
        return new Outcome(reply, delayFor(session));
    }

    /**
     * The failed-login delay, for a login the client is to blame for: {@link LoginService} marks
     * the session (wrong credentials, a broken or cancelled SASL exchange). A refusal by policy
     * (cleartext not allowed here, LOGIN-DELAY) reveals nothing about the credentials and is
     * answered at once, uncounted.
     */
    private Duration delayFor(Pop3Session session) {
        return session.takeLoginFailed()
                ? context.throttle().failed(session.connection().remote().getAddress())
                : Duration.ZERO;
    }

    /**
     * The longest line {@code session} takes next, CRLF included: a command line's limit (RFC 2449
     * §4), which the transport enforces as the line arrives; none of its own for a SASL response
     * (RFC 5034 §4), which only the transport's line capacity bounds.
     */
    public int nextLineLimit(Pop3Session session) {
        return session.awaitsResponse() ? Integer.MAX_VALUE : context.config().maxLineLength();
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
        return session.state() == SessionState.AUTHORIZATION
                && isClean(line)
                && !line.isBlank()
                && LOGIN_COMMANDS.contains(CommandLine.parse(line).keyword());
    }

    /**
     * Whether {@code line} checks credentials with an authenticator that {@link
     * io.tanpopo.auth.Authenticator#blocks() blocks}, and so runs on the authentication threads:
     * PASS, APOP and AUTH with a mechanism in AUTHORIZATION, and a response to a SASL challenge.
     */
    public boolean authenticates(Pop3Session session, String line) {
        return context.authenticator().blocks()
                && session.state() == SessionState.AUTHORIZATION
                && (session.awaitsResponse()
                        || (waitsForClient(session, line) && !line.strip().equalsIgnoreCase("AUTH")));
    }

    /**
     * Answers a login that {@link #authenticates} would check when the authentication threads and
     * their queue are full: {@code [SYS/TEMP]} (RFC 3206 §5), try again later. The login is over,
     * as after any answer: a SASL exchange is ended, USER must be sent again.
     */
    public Outcome authenticationBusy(Pop3Session session, String line) {
        boolean response = session.takeContinuation().isPresent();
        session.pendingUser(null);
        CommandLine heard = response
                ? new CommandLine("", java.util.List.of(), "(SASL response)")
                : CommandLine.parse(line).redacted();
        context.listener().command(session, heard);
        context.listener().replied(session, heard, AUTHENTICATION_BUSY);
        return new Outcome(AUTHENTICATION_BUSY, Duration.ZERO);
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
