package io.tanpopo.pop3.transport;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * I/O threads shared by many servers: the selector loops that move bytes, and the threads that run
 * accept loops. A server that owns its I/O opens selectors and starts two threads at every start;
 * servers given one of these (see {@code Pop3ServerBuilder.sharedIo}) reuse running ones, which is
 * most of what a server started per test costs. Nothing is static: the owner (a test suite, the
 * JUnit extension's root store) creates one and closes it after the last server.
 */
public final class SharedIo implements AutoCloseable {

    private final ExecutorService threads;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param ioThreads selector loops that serve every connection of every server using this */
    public SharedIo(int ioThreads) {
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("shared I/O threads must be 1 to 256, not " + ioThreads);
        }
        AtomicInteger count = new AtomicInteger();
        // Cached: an accept loop's thread returns here when its server stops and serves the next one.
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "tanpopo-shared-io-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.processors = new SimpleIoProcessorPool<>(NioProcessor.class, threads, ioThreads, null);
    }

    ExecutorService threads() {
        return threads;
    }

    IoProcessor<NioSession> processors() {
        return processors;
    }

    /** Stops the I/O threads; close every server using this first. Safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            processors.dispose();
            threads.shutdownNow();
        }
    }
}
