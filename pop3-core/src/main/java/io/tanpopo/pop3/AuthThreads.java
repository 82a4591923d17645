package io.tanpopo.pop3;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run logins (PASS, APOP, AUTH and its SASL responses) when the authenticator
 * {@link io.tanpopo.auth.Authenticator#blocks() blocks}: a checkpassword program, a database. Apart
 * from the command workers, so that a slow backend holds up only logins, never another session's
 * RETR; bounded in threads and in waiting logins, so that a backend that stops answering costs a
 * fixed amount of memory: one login more than both is answered {@code -ERR [SYS/TEMP]} at once
 * (RFC 3206 §5) instead of waiting without end.
 *
 * @param threads logins checked at once ({@code auth.threads}, 1 to 1024)
 * @param queue logins that may wait for one of those threads ({@code auth.queue}, 0 to 100000)
 */
public record AuthThreads(int threads, int queue) {

    private static final AuthThreads DEFAULTS = new AuthThreads(8, 32);
    private static final long KEEP_ALIVE_SECONDS = 30;

    public AuthThreads {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("auth.threads must be 1 to 1024, not " + threads);
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("auth.queue must be 0 to 100000, not " + queue);
        }
    }

    /** Eight threads (checkpassword's default {@code max-processes}), 32 waiting logins. */
    public static AuthThreads defaults() {
        return DEFAULTS;
    }

    /**
     * A pool of these threads, made as logins come and ended after 30 s idle (a server whose
     * authenticator never blocks starts none); it refuses a task beyond the queue.
     */
    ExecutorService executor(ThreadFactory factory) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                waiting,
                factory,
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
