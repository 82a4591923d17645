package io.tanpopo.pop3;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server's one-thread timer (failed-login delays, lookup deadlines, TLS handshake and PROXY
 * header time-outs), made when something is first scheduled. Most servers, every test server that
 * sees no failed login and no TLS, never schedule anything: they neither make the executor nor
 * load its half-dozen classes at start. Shut down before its first use, it never makes one and
 * refuses tasks as a shut-down executor does.
 */
final class OnDemandTimer implements ScheduledExecutorService {

    private final ThreadFactory threads;
    private ScheduledThreadPoolExecutor timer;
    private boolean shutDown;

    OnDemandTimer(ThreadFactory threads) {
        this.threads = threads;
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            if (shutDown) {
                throw new RejectedExecutionException("timer shut down");
            }
            timer = new ScheduledThreadPoolExecutor(1, threads);
        }
        return timer;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return timer().schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return timer().schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return timer().scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return timer().scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        timer().execute(command);
    }

    @Override
    public void shutdown() {
        ScheduledExecutorService made;
        synchronized (this) {
            shutDown = true;
            made = timer;
        }
        if (made != null) {
            made.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        ScheduledExecutorService made;
        synchronized (this) {
            shutDown = true;
            made = timer;
        }
        return made != null ? made.shutdownNow() : List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return timer != null ? timer.isShutdown() : shutDown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return timer != null ? timer.isTerminated() : shutDown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        synchronized (this) {
            if (timer == null && shutDown) {
                return true;
            }
        }
        return timer().awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return timer().submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return timer().submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return timer().submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return timer().invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return timer().invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return timer().invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return timer().invokeAny(tasks, timeout, unit);
    }
}
