package io.tanpopo.pop3;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.protocol.CommandTable;
import io.tanpopo.pop3.protocol.Pop3Protocol;
import io.tanpopo.pop3.protocol.ProtocolContext;
import io.tanpopo.pop3.protocol.SessionRuntime;
import io.tanpopo.pop3.transport.MinaTransport;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.memory.MemoryMailbox;
import io.tanpopo.store.memory.MemoryStore;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running POP3 server, standalone or embedded in a test. Many can run in one JVM at once: nothing
 * is static.
 *
 * <pre>{@code
 * try (Pop3Server server = Pop3Server.builder().port(0).user("alice", "secret").start()) {
 *     server.mailbox("alice").add("Subject: hi\r\n\r\nhello\r\n");
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class Pop3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);

    private final Pop3Config config;
    private final Authenticator authenticator;
    private final MailStore store;
    private final MinaTransport transport;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    Pop3Server(Pop3ServerBuilder.Parts parts) {
        this.config = parts.config();
        this.authenticator = parts.authenticator();
        this.store = parts.store();
        this.workers = parts.workers();
        this.timer = parts.timer();
        ProtocolContext context = ProtocolContext.of(config, authenticator, store, Version.current(), parts.listener())
                .withHooks(parts.hooks());
        Pop3Protocol protocol = new Pop3Protocol(context, CommandTable.standard(context),
                new SessionRuntime(workers, timer, parts.listener()));
        MinaTransport listening;
        try {
            listening = MinaTransport.listen(protocol, new InetSocketAddress(config.bind(), config.port()),
                    config.idleTimeout());
        } catch (RuntimeException e) {
            shutdownThreads();
            throw e;
        }
        this.transport = listening;
        LOG.info("listening on {}:{}", config.bind(), port());
    }

    /** A builder with the embedded defaults: 127.0.0.1, a free port, in-memory users and mail. */
    public static Pop3ServerBuilder builder() {
        return new Pop3ServerBuilder();
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return transport.localAddress().getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return transport.localAddress();
    }

    public Pop3Config config() {
        return config;
    }

    /**
     * The in-memory mailbox of {@code user}, to seed and inspect.
     *
     * @throws IllegalStateException when the server does not use the in-memory store
     */
    public MemoryMailbox mailbox(String user) {
        return memoryStore().orElseThrow(() -> new IllegalStateException("this server does not use the in-memory store"))
                .mailbox(user);
    }

    /**
     * Adds a user (or changes a password) while the server runs.
     *
     * @throws IllegalStateException when the server does not use the built-in static users
     */
    public Pop3Server user(String name, String password) {
        staticUsers().put(name, password);
        return this;
    }

    /** Removes a user while the server runs; their mailbox stays until removed. */
    public boolean removeUser(String name) {
        return staticUsers().remove(name);
    }

    private StaticUsersAuthenticator staticUsers() {
        if (authenticator instanceof StaticUsersAuthenticator users) {
            return users;
        }
        throw new IllegalStateException("this server does not use the built-in static users");
    }

    private Optional<MemoryStore> memoryStore() {
        return store instanceof MemoryStore memory ? Optional.of(memory) : Optional.empty();
    }

    /** Stops listening and closes every session; sessions that did not QUIT commit nothing. */
    @Override
    public void close() {
        transport.close();
        shutdownThreads();
        LOG.info("stopped listening on {}:{}", config.bind(), config.port());
    }

    private void shutdownThreads() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
