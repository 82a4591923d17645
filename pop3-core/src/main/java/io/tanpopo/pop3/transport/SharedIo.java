package io.tanpopo.pop3.transport;

import java.util.ArrayDeque;
import java.util.Deque;
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
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * I/O threads shared by many servers: the selector loops that move bytes, and the threads that run
 * accept loops. A server that owns its I/O opens selectors and starts two threads at every start;
 * servers on shared ones reuse running ones, which is most of what a server started per test costs.
 * The acceptors of servers that closed cleanly are kept (at most {@value #IDLE_ACCEPTORS}, unbound,
 * each holding its selector) for the next servers, which then only bind.
 *
 * <p>A server that is not told otherwise uses {@link #common()}; one made here is the caller's to
 * close after the last server using it.
 */
public final class SharedIo implements AutoCloseable {

    /** The selector loops of {@link #common()}: enough for parallel test suites. */
    private static final int COMMON_IO_THREADS = 2;
    /** Enough for the servers a test suite starts and stops at once. */
    static final int IDLE_ACCEPTORS = 4;

    private final ExecutorService threads;
    private final boolean common;
    private final SimpleIoProcessorPool<NioSession> processors;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Unbound acceptors with no session left, newest first; guarded by itself. */
    private final Deque<NioSocketAcceptor> idleAcceptors = new ArrayDeque<>();

    /** @param ioThreads selector loops that serve every connection of every server using this */
    public SharedIo(int ioThreads) {
        this(ioThreads, false);
    }

    private SharedIo(int ioThreads, boolean common) {
        this.common = common;
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("shared I/O threads must be 1 to 256, not " + ioThreads);
        }
        AtomicInteger count = new AtomicInteger();
        // Cached: an accept loop's thread returns here when its server stops and serves the next one.
        this.threads = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "tanpopo-shared-io-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.processors = new SimpleIoProcessorPool<>(NioProcessor.class, threads, ioThreads, null);
    }

    /**
     * The I/O threads every server in this JVM shares unless it was given its own
     * ({@code Pop3ServerBuilder.ioThreads}) or another {@code SharedIo}. Made at first use and never
     * closed; it costs nothing while no server listens: its threads are daemons, each selector loop
     * ends when it has no connection left and an accept thread is let go 30 s after its server closed.
     */
    public static SharedIo common() {
        return Common.IO;
    }

    /** Initialised on first use of {@link #common()} only. */
    private static final class Common {
        static final SharedIo IO = new SharedIo(COMMON_IO_THREADS, true);
    }

    ExecutorService threads() {
        return threads;
    }

    IoProcessor<NioSession> processors() {
        return processors;
    }

    /**
     * An acceptor on these threads: one a closed server left, or a new one (which opens a selector).
     * The caller sets its handler, chain and session settings before binding, as for a new one.
     */
    NioSocketAcceptor acceptor() {
        synchronized (idleAcceptors) {
            NioSocketAcceptor idle = idleAcceptors.poll();
            if (idle != null) {
                return idle;
            }
        }
        return new NioSocketAcceptor(threads, processors);
    }

    /**
     * Takes back an acceptor whose server has stopped: kept for the next server when it is unbound
     * and has no session left and there is room, disposed otherwise.
     */
    void release(NioSocketAcceptor acceptor) {
        if (!acceptor.isActive() && acceptor.getManagedSessionCount() == 0) {
            synchronized (idleAcceptors) {
                if (!closed.get() && idleAcceptors.size() < IDLE_ACCEPTORS) {
                    idleAcceptors.push(acceptor);
                    return;
                }
            }
        }
        acceptor.dispose(true);
    }

    /** Acceptors kept for the next servers, for tests. */
    int idleAcceptors() {
        synchronized (idleAcceptors) {
            return idleAcceptors.size();
        }
    }

    /**
     * Stops the I/O threads; close every server using this first. Safe to call twice; does nothing
     * for {@link #common()}, which other servers in the JVM may be using.
     */
    @Override
    public void close() {
        if (!common && closed.compareAndSet(false, true)) {
            synchronized (idleAcceptors) {
                for (NioSocketAcceptor idle : idleAcceptors) {
                    idle.dispose(true);
                }
                idleAcceptors.clear();
            }
            processors.dispose();
            threads.shutdownNow();
        }
    }
}
