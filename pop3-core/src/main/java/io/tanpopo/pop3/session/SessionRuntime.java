package io.tanpopo.pop3.session;

import io.tanpopo.pop3.protocol.SessionListener;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads sessions run on, and who hears about them: one per server.
 *
 * @param workers run commands
 * @param authentication run logins when the authenticator blocks; bounded, it refuses a task when
 *     saturated (the login is then answered {@code -ERR [SYS/TEMP]})
 * @param timer schedules delayed replies and deadlines
 * @param listener hears of every session
 */
public record SessionRuntime(
        Executor workers, Executor authentication, ScheduledExecutorService timer, SessionListener listener) {

    /** Logins run on the workers, as every command does. */
    public SessionRuntime(Executor workers, ScheduledExecutorService timer, SessionListener listener) {
        this(workers, workers, timer, listener);
    }
}
