package io.tanpopo.pop3;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's worker threads, at most {@code pop3.worker-threads}, that runs a task on an idle
 * thread before it makes another. A fixed pool makes a new thread for each of its first tasks even
 * while the others idle: a test's session of six commands, one at a time, made six threads, each
 * costing its creation and an exit at close. Threads idle for 30 s end; tasks wait in the queue
 * only while every thread is busy and no more may be made.
 */
final class WorkerPool extends ThreadPoolExecutor {

    private static final long KEEP_ALIVE_SECONDS = 30;

    /** Tasks given and not yet finished, the running ones included. */
    private final AtomicInteger unfinished = new AtomicInteger();

    WorkerPool(int threads, ThreadFactory factory) {
        super(0, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new TaskQueue(), factory);
        ((TaskQueue) getQueue()).pool = this;
    }

    @Override
    public void execute(Runnable task) {
        unfinished.incrementAndGet();
        try {
            super.execute(task);
        } catch (RejectedExecutionException e) {
            // Another task took the last thread place just now: this one waits for a thread; refused once shut down.
            if (isShutdown() || !((TaskQueue) getQueue()).queue(task)) {
                unfinished.decrementAndGet();
                throw e;
            }
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        unfinished.decrementAndGet();
    }

    /** More tasks than threads, and room for another thread: make one rather than queue. */
    private boolean wantsThread() {
        int threads = getPoolSize();
        return unfinished.get() > threads && threads < getMaximumPoolSize();
    }

    /** Refuses a task while the pool would rather make a thread for it. */
    private static final class TaskQueue extends LinkedBlockingQueue<Runnable> {
        private transient WorkerPool pool;

        @Override
        public boolean offer(Runnable task) {
            return !pool.wantsThread() && super.offer(task);
        }

        boolean queue(Runnable task) {
            return super.offer(task);
        }
    }
}
