package io.tanpopo.app.relay;

import io.tanpopo.auth.ConnectionInfo;
import io.tanpopo.pop3.protocol.Pop3Session;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.resolver.AddressText;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POP-before-SMTP (as qmail sites use it with relay-ctrl): after each successful login the
 * client's IP is recorded, in a relay-ctrl style directory and/or by a hook command, so that an SMTP
 * server lets it relay until the record expires. A client whose address a proxy did not say is
 * never recorded. The work runs on its own threads, never on an I/O
 * or worker thread; a periodic task removes expired files.
 */
public final class PopBeforeSmtp implements SessionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PopBeforeSmtp.class);

    private final Optional<RelayDirectory> directory;
    private final Optional<RelayCommand> command;
    private final ThreadPoolExecutor runner;
    private final ScheduledExecutorService cleaner;

    public PopBeforeSmtp(PopBeforeSmtpConfig config, Clock clock) {
        this.directory = config.directory().map(d -> new RelayDirectory(d, config.expiry(), clock));
        this.command = config.command().isEmpty()
                ? Optional.empty()
                : Optional.of(new RelayCommand(config.command(), config.commandTimeout()));
        // Bounded: a burst of logins beyond the queue is logged and dropped rather than piling up.
        this.runner = new ThreadPoolExecutor(
                1,
                4,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1000),
                daemon("tanpopo-pop-before-smtp"),
                (task, pool) -> LOG.warn("POP-before-SMTP queue full; a login was not recorded"));
        this.cleaner = new ScheduledThreadPoolExecutor(1, daemon("tanpopo-pop-before-smtp-cleaner"));
        long period = Math.max(1, Math.min(config.expiry().toSeconds() / 4, 60));
        if (directory.isPresent()) {
            // clean() catches and logs its own failures, so the periodic task never ends silently.
            var unused = cleaner.scheduleWithFixedDelay(this::clean, period, period, TimeUnit.SECONDS);
        }
    }

    @Override
    public void loggedIn(Pop3Session session) {
        if (!session.connection().remoteKnown()) {
            // A proxy did not say who the client is: relaying is granted to no address at all,
            // least of all the proxy's own (docs/security.md).
            LOG.info(
                    "POP-before-SMTP: login of {} from an unknown address not recorded",
                    session.account().map(a -> a.name()).orElse("?"));
            return;
        }
        ConnectionInfo connection = session.connection();
        runner.execute(() -> record(connection));
    }

    /** Records the client of {@code connection} now, on the calling thread. */
    public void record(ConnectionInfo connection) {
        InetAddress client = connection.remote().getAddress();
        directory.ifPresent(d -> {
            try {
                d.record(client);
            } catch (IOException e) {
                LOG.warn("POP-before-SMTP: cannot record {}: {}", AddressText.of(client), e.toString());
            }
        });
        command.ifPresent(c -> c.run(connection));
    }

    /** Removes expired records now; the periodic task calls this. */
    public void clean() {
        directory.ifPresent(d -> {
            try {
                int removed = d.removeExpired();
                if (removed > 0) {
                    LOG.debug("POP-before-SMTP: {} expired addresses removed", removed);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("POP-before-SMTP: cleaning failed: {}", e.toString());
            }
        });
    }

    /** Takes no more records and waits up to {@code timeout} for the queued ones to be written. */
    public boolean finish(Duration timeout) throws InterruptedException {
        runner.shutdown();
        return runner.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
        runner.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
