package io.tanpopo.pop3;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's threads, all daemons, made as work comes and ended after 30 s idle.
 *
 * @param workers run commands and backends, at most {@code pop3.worker-threads}; beyond, tasks wait
 * @param authentication run logins when the authenticator blocks ({@link AuthThreads})
 * @param timer one thread for failed-login delays, lookup deadlines, TLS handshake and PROXY header
 *     time-outs; a cancelled task leaves its queue at once
 */
record ServerThreads(ThreadPoolExecutor workers, ExecutorService authentication, ScheduledThreadPoolExecutor timer) {

    private static final long KEEP_ALIVE_SECONDS = 30;

    static ServerThreads of(int workerThreads, AuthThreads auth) {
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                workerThreads,
                workerThreads,
                KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemons("tanpopo-worker"));
        workers.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("tanpopo-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return new ServerThreads(workers, auth.executor(daemons("tanpopo-auth")), timer);
    }

    /**
     * Stops the timer at once; the running logins and commands may finish within five seconds in
     * all, then they are interrupted.
     */
    void stop() {
        timer.shutdownNow();
        authentication.shutdown();
        workers.shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (ExecutorService pool : new ExecutorService[] {authentication, workers}) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            authentication.shutdownNow();
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named {@code prefix-n}. */
    static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
