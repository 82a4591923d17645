package io.tanpopo.testkit;

import io.tanpopo.auth.SecretResult;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.Pop3Server;
import io.tanpopo.pop3.Pop3ServerBuilder;
import io.tanpopo.pop3.tls.GeneratedTrust;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * An embedded POP3 server dressed for tests: users and seeded mailboxes, transcripts of every
 * session, awaits, fault injection and a server profile; reset between tests without a restart.
 * Listens on 127.0.0.1 on a free port, offers STLS with a certificate from a per-run CA
 * ({@link #tlsTrust()}), optionally also implicit TLS, and keeps mail in memory or in real
 * maildirs. Usable without JUnit; the JUnit 5 extension is a thin layer over it.
 *
 * <pre>{@code
 * try (Pop3Testkit kit = Pop3Testkit.builder().user("alice", "secret").maildir().start()) {
 *     kit.user("alice").deliver("Subject: hi\r\n\r\nhello\r\n");
 *     Store store = Session.getInstance(kit.stlsMailProperties()).getStore(); // ... the client under test
 *     kit.transcripts().forUser("alice").last().assertThat().usedTls().retrieved(1).endedWithQuit();
 * }}</pre>
 */
public final class Pop3Testkit implements AutoCloseable {

    private final TestkitSettings settings;
    private final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    private final Mailboxes mailboxes;
    private final TranscriptRecorder recorder = new TranscriptRecorder();
    private final Faults faults;
    private final Pop3Server server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Pop3Testkit(TestkitSettings settings) {
        this.settings = settings;
        ServerProfile profile = settings.profile();
        this.mailboxes = Mailboxes.of(settings, () -> server().config().hostname());
        this.faults = new Faults(mailboxes.store(), profile.locksMaildrop());
        settings.users().forEach(users::put);
        Pop3ServerBuilder builder = Pop3Server.builder()
                .authenticator(users)
                .store(mailboxes.store())
                .listener(recorder)
                .failedLoginDelay(Duration.ZERO, Duration.ZERO)
                .workerThreads(4)
                .interceptor(new FaultInjector(faults, new ProfileInterceptor(profile)));
        settings.server().accept(builder);
        try {
            settings.users().keySet().forEach(mailboxes::mailbox); // a maildir must exist to log in
            this.server = builder.start();
        } catch (RuntimeException e) {
            mailboxes.close();
            throw e;
        }
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

    /** The implicit-TLS (POP3S) port; fails unless started with {@link Pop3TestkitBuilder#implicitTls()}. */
    public int tlsPort() {
        return server.tlsPort()
                .orElseThrow(() -> new IllegalStateException(
                        "no implicit TLS port: start the kit with implicitTls() or @Pop3Test(implicitTls = true)"));
    }

    /**
     * What a client needs to trust this server's generated certificate (made on first use): a client
     * {@link SSLContext}, the CA as PEM, a PKCS#12 trust store. Fails when TLS is off or uses files.
     */
    public GeneratedTrust tlsTrust() {
        return server.tlsTrust()
                .orElseThrow(() -> new IllegalStateException(
                        "this server has no generated certificate (TLS is off or uses configured files)"));
    }

    /** The directory holding {@code <user>/Maildir} for every user, when mail is kept in maildirs. */
    public Optional<Path> maildirRoot() {
        return mailboxes.root();
    }

    /** The settings it started with and returns to on {@link #reset()}. */
    public TestkitSettings settings() {
        return settings;
    }

    public ServerProfile profile() {
        return settings.profile();
    }

    /** The handle of user {@code name}, whose mailbox is created on first use; fails for unknown users. */
    public Pop3User user(String name) {
        if (!(users.secret(name) instanceof SecretResult.Found found)) {
            throw new IllegalArgumentException("no user '" + name + "'; users: " + users.names());
        }
        return handle(name, new String(found.secret(), StandardCharsets.UTF_8));
    }

    /** Adds a user (or changes their password) while the server runs; reset removes them again. */
    public Pop3User addUser(String name, String password) {
        Pop3User user = handle(name, password); // a maildir refuses unsafe names before the user exists
        users.put(name, password);
        return user;
    }

    /** Removes a user and their mailbox while the server runs; reset brings back configured users. */
    public boolean removeUser(String name) {
        mailboxes.remove(name);
        return users.remove(name);
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
        return MailProperties.plain(host(), port());
    }

    /**
     * Like {@link #mailProperties()}, but the client must upgrade with STLS ({@code mail.pop3.starttls.*}),
     * trusts only the per-run CA and checks the host name ({@code mail.pop3.ssl.*}).
     */
    public Properties stlsMailProperties() {
        return MailProperties.stls(host(), port(), tlsTrust().clientSslContext());
    }

    /** For the {@code pop3s} store on the implicit-TLS port ({@code mail.pop3s.*}), trusting the per-run CA. */
    public Properties pop3sMailProperties() {
        return MailProperties.pop3s(host(), tlsPort(), tlsTrust().clientSslContext());
    }

    /**
     * Back to the start without a restart: empty mailboxes (maildirs too), the configured users only
     * (with their passwords), no transcripts, no faults, no held locks. Sessions still open are not
     * closed.
     */
    public void reset() {
        faults.clear();
        users.names().stream()
                .filter(name -> !settings.users().containsKey(name))
                .forEach(users::remove);
        settings.users().forEach(users::put);
        mailboxes.clear();
        recorder.clear();
    }

    /** Stops the server and deletes a temporary maildir; safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            faults.clear();
            try {
                server.close();
            } finally {
                mailboxes.close();
            }
        }
    }

    private Pop3User handle(String name, String password) {
        return new Pop3User(name, password, mailboxes.mailbox(name));
    }
}
