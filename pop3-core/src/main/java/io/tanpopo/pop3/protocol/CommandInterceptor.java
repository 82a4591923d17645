package io.tanpopo.pop3.protocol;

/**
 * Stands around every command the dispatcher runs: it may run the command and pass its reply on,
 * change that reply, answer instead of the command, or hold the reply back for a while. The test
 * kit's fault injection and server profiles use it; a production server has {@link #none()}.
 * Called on the session's worker thread; the delay is scheduled by the session driver, never slept.
 */
@FunctionalInterface
public interface CommandInterceptor {

    /**
     * Answers {@code line}. {@code command} is the command the state table chose; calling it runs it
     * (its unexpected exceptions are already turned into a generic {@code -ERR}).
     */
    Dispatcher.Outcome intercept(Pop3Session session, CommandLine line, Command command);

    /** Runs every command as it is. */
    static CommandInterceptor none() {
        return PassThrough.INSTANCE;
    }
}
