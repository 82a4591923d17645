package io.tanpopo.pop3.protocol;

import java.time.Duration;

/**
 * The one place where an embedder bends the protocol: it stands around every command the dispatcher
 * runs, and may run the command and pass its reply on, change that reply, answer instead of the
 * command, or hold the reply back for a while. It may also take commands away ({@link #offers}) and
 * change the greeting ({@link #greeting}). A server without one behaves as {@link #none()}.
 *
 * <p>{@link #intercept} is called on the session's worker thread, once for each command line the
 * state table accepted, never for a SASL response; the delay is scheduled by the session driver,
 * never slept. An interceptor is shared by all sessions of a server, so it must be thread-safe.
 */
@FunctionalInterface
public interface CommandInterceptor {

    /**
     * Answers {@code line}. {@code command} is the command the state table chose; calling it runs it
     * (its unexpected exceptions are already turned into a generic {@code -ERR}). The returned delay
     * is added to the server's own (a failed login's, RFC 1939 §13).
     */
    Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command);

    /**
     * Whether the server has the command {@code keyword} (upper case) at all. One it has not is
     * answered {@code -ERR Unknown command} in every state, counted as a bad command, and never
     * reaches {@link #intercept} (RFC 1939 §7 makes APOP, TOP, UIDL, USER and PASS optional).
     */
    default boolean offers(String keyword) {
        return true;
    }

    /**
     * The greeting after {@code +OK } (RFC 1939 §4), one line. {@code stamp} is the session's APOP
     * timestamp (RFC 1939 §7): a greeting without it leaves APOP unusable.
     */
    default String greeting(String host, String stamp) {
        return host + " POP3 server ready " + stamp;
    }

    /** Runs every command as it is. */
    static CommandInterceptor none() {
        return (session, line, command) -> new Dispatcher.Outcome(command.execute(session, line), Duration.ZERO);
    }
}
