package io.tanpopo.pop3.testkit;

import io.tanpopo.auth.SecretResult;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.protocol.ProtocolHooks;
import io.tanpopo.store.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedded POP3 server dressed for tests: users and seeded mailboxes, transcripts of every
 * session, awaits, fault injection and a server profile; reset between tests without a restart.
 * Listens on 127.0.0.1 on a free port. Usable without JUnit; the JUnit 5 extension is a thin
 * layer over it.
 *
 * <pre>{@code
 * try (Pop3Testkit kit = Pop3Testkit.builder().user("alice", "secret").start()) {
 *     kit.user("alice").deliver("Subject: hi\r\n\r\nhello\r\n");
 *     Store store = Session.getInstance(kit.mailProperties()).getStore("pop3");
 *     ...
 *     kit.transcripts().forUser("alice").last().assertThat().retrieved(1).endedWithQuit();
 * }
 * }</pre>
 */
public final class Pop3Testkit implements AutoCloseable {

    private final TestkitSettings settings;
    private final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    private final MemoryStore store;
    private final TranscriptRecorder recorder = new TranscriptRecorder();
    private final Faults faults;
    private final Pop3Server server;
    private final long validity = System.currentTimeMillis() / 1000;
    private final AtomicLong uids = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pop3Testkit(TestkitSettings settings) {
        this.settings = settings;
        ServerProfile profile = settings.profile();
        this.store = new MemoryStore(profile.locksMaildrop());
        this.faults = new Faults(store, profile.locksMaildrop());
        settings.users().forEach(users::put);
        Pop3ServerBuilder builder = Pop3Server.builder()
                .authenticator(users)
                .store(store)
                .listener(recorder)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .workerThreads(4)
                .hooks(new ProtocolHooks(profile.protocol(), new FaultInjector(faults, new QuirkInterceptor(profile))));
        settings.server().accept(builder);
        this.server = builder.start();
    }

    public static Pop3TestkitBuilder builder() {
        return new Pop3TestkitBuilder();
    }

    /** Starts a server with {@code settings}; it accepts connections when this returns. */
    public static Pop3Testkit start(TestkitSettings settings) {
        return new Pop3Testkit(settings);
    }

    public Pop3Server server() {
        return server;
    }

    /** The port, on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    public String host() {
        return server.address().getAddress().getHostAddress();
    }

    /** The settings this server started with and returns to on {@link #reset()}. */
    public TestkitSettings settings() {
        return settings;
    }

    public ServerProfile profile() {
        return settings.profile();
    }

    /**
     * The handle of user {@code name}, whose mailbox is created on first use.
     *
     * @throws IllegalArgumentException when no such user exists
     */
    public Pop3User user(String name) {
        if (!(users.secret(name) instanceof SecretResult.Found found)) {
            throw new IllegalArgumentException("no user '" + name + "'; users: " + users.names());
        }
        return handle(name, new String(found.secret(), StandardCharsets.UTF_8));
    }

    /** Adds a user (or changes their password) while the server runs; reset removes them again. */
    public Pop3User addUser(String name, String password) {
        server.user(name, password);
        return handle(name, password);
    }

    /** Removes a user and their mailbox while the server runs; reset brings back configured users. */
    public boolean removeUser(String name) {
        store.remove(name);
        return server.removeUser(name);
    }

    /** A snapshot of the sessions recorded since the start or the last reset. */
    public Transcripts transcripts() {
        return recorder.snapshot();
    }

    public Awaits await() {
        return new Awaits(recorder);
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Jakarta Mail session properties for this server, e.g.
     * {@code Session.getInstance(kit.mailProperties()).getStore("pop3")}; a copy to change freely.
     */
    public Properties mailProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.store.protocol", "pop3");
        properties.setProperty("mail.pop3.host", host());
        properties.setProperty("mail.pop3.port", Integer.toString(port()));
        properties.setProperty("mail.pop3.connectiontimeout", "5000");
        properties.setProperty("mail.pop3.timeout", "10000");
        return properties;
    }

    /**
     * Back to the start without a restart: empty mailboxes, the configured users only (with their
     * passwords), no transcripts, no faults, no held locks. Sessions still open are not closed.
     */
    public void reset() {
        faults.clear();
        users.names().stream().filter(name -> !settings.users().containsKey(name)).forEach(users::remove);
        settings.users().forEach(users::put);
        store.clear();
        recorder.clear();
    }

    /** Stops the server; safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            faults.clear();
            server.close();
        }
    }

    private Pop3User handle(String name, String password) {
        return new Pop3User(name, password, store.mailbox(name), this::nextUid);
    }

    private Optional<String> nextUid() {
        return settings.profile().uidStyle().uid(validity, uids.incrementAndGet(), server.config().hostname());
    }
}
