package io.tanpopo.pop3;

import io.tanpopo.auth.Authenticator;
import io.tanpopo.auth.StaticUsersAuthenticator;
import io.tanpopo.pop3.access.AccessRules;
import io.tanpopo.pop3.access.ClientChecks;
import io.tanpopo.pop3.protocol.Cleartext;
import io.tanpopo.pop3.protocol.CommandInterceptor;
import io.tanpopo.pop3.protocol.SessionListener;
import io.tanpopo.pop3.proxy.ProxyPolicy;
import io.tanpopo.pop3.tls.TlsConfig;
import io.tanpopo.pop3.transport.SharedIo;
import io.tanpopo.resolver.HostResolver;
import io.tanpopo.store.LockMode;
import io.tanpopo.store.MailStore;
import io.tanpopo.store.memory.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a {@link Pop3Server}. Without an authenticator and a store it uses static users (added
 * with {@link #user}) and in-memory mailboxes, which is what tests want.
 */
public final class Pop3ServerBuilder {

    private Pop3Config config;
    private String bind = "127.0.0.1";
    private int port;
    private String hostname = "localhost";
    private Duration idleTimeout = Duration.ofMinutes(10);
    private int maxBadCommands = 20;
    private int maxLineLength = 255;
    private Duration failedLoginDelay = Duration.ofSeconds(1);
    private Duration maxFailedLoginDelay = Duration.ofSeconds(15);
    private Optional<Duration> loginDelay = Optional.empty();
    private Optional<String> expire = Optional.empty();
    private int workerThreads = 16;
    /** 0: the JVM's {@link SharedIo#common()}. */
    private int ioThreads;

    private Optional<SharedIo> sharedIo = Optional.empty();
    private Authenticator authenticator;
    private MailStore store;
    private final StaticUsersAuthenticator users = new StaticUsersAuthenticator();
    private final List<SessionListener> listeners = new ArrayList<>();
    private LockMode maildropLock = LockMode.TAKEOVER;
    private Optional<TlsConfig> tls = Optional.empty();
    private boolean tlsOff;
    private Optional<Integer> implicitTlsPort = Optional.empty();
    private Cleartext cleartext = Cleartext.LOOPBACK;
    private CommandInterceptor interceptor = CommandInterceptor.none();
    private ClientChecks clientChecks = ClientChecks.none();
    private Limits limits = Limits.none();
    private ProxyPolicy proxy = ProxyPolicy.none();
    private AuthThreads authThreads = AuthThreads.defaults();

    Pop3ServerBuilder() {}

    /** Everything the server is made of, once built. */
    record Parts(
            Pop3Config config,
            Authenticator authenticator,
            MailStore store,
            SessionListener listener,
            ExecutorService workers,
            ExecutorService authentication,
            ScheduledExecutorService timer,
            Optional<TlsConfig> tls,
            Optional<Integer> implicitTlsPort,
            Cleartext cleartext,
            CommandInterceptor interceptor,
            ClientChecks clientChecks,
            Limits limits,
            ProxyPolicy proxy,
            int ioThreads,
            Optional<SharedIo> sharedIo) {}

    /**
     * Uses these protocol settings as a whole (the app passes what it read from its properties);
     * the single-setting methods then no longer apply.
     */
    public Pop3ServerBuilder config(Pop3Config settings) {
        this.config = settings;
        return this;
    }

    public Pop3ServerBuilder bind(String address) {
        this.bind = address;
        return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link Pop3Server#port()}. */
    public Pop3ServerBuilder port(int number) {
        this.port = number;
        return this;
    }

    /** The name in the greeting and APOP stamp; never looked up. */
    public Pop3ServerBuilder hostname(String name) {
        this.hostname = name;
        return this;
    }

    public Pop3ServerBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    public Pop3ServerBuilder maxBadCommands(int count) {
        this.maxBadCommands = count;
        return this;
    }

    public Pop3ServerBuilder maxLineLength(int octets) {
        this.maxLineLength = octets;
        return this;
    }

    /** The first failed login's delay (doubling per failure from one address, up to {@code max}). */
    public Pop3ServerBuilder failedLoginDelay(Duration first, Duration max) {
        this.failedLoginDelay = first;
        this.maxFailedLoginDelay = max;
        return this;
    }

    /** Advertise and enforce LOGIN-DELAY (RFC 2449 §6.5). */
    public Pop3ServerBuilder loginDelay(Duration delay) {
        this.loginDelay = Optional.of(delay);
        return this;
    }

    /** Advertise EXPIRE (RFC 2449 §6.7): {@code NEVER} or a number of days. */
    public Pop3ServerBuilder expire(String policy) {
        this.expire = Optional.of(policy);
        return this;
    }

    public Pop3ServerBuilder workerThreads(int count) {
        this.workerThreads = count;
        return this;
    }

    /**
     * Gives this server its own threads that move bytes (and run TLS) for each listening port; the
     * standalone service does. Commands and backends run on the worker threads, so one I/O thread
     * serves many connections. Without this, the server uses {@link SharedIo#common()}, the I/O
     * threads all servers in the JVM share, so that a start opens no selector and starts no thread.
     */
    public Pop3ServerBuilder ioThreads(int count) {
        if (count < 1 || count > 256) {
            throw new IllegalArgumentException("pop3.io-threads must be 1 to 256, not " + count);
        }
        this.ioThreads = count;
        return this;
    }

    /**
     * Runs this server's sockets on the I/O threads of {@code io} instead of the JVM-wide
     * {@link SharedIo#common()}; the caller closes {@code io} after the last server.
     */
    public Pop3ServerBuilder sharedIo(SharedIo io) {
        this.sharedIo = Optional.of(io);
        return this;
    }

    /**
     * The certificate for STLS and implicit TLS. Without this, a certificate for {@code localhost},
     * 127.0.0.1, ::1 and the host name is generated on first use, signed by a per-run CA that
     * {@link Pop3Server#tlsTrust()} hands to clients.
     */
    public Pop3ServerBuilder tls(TlsConfig config) {
        this.tls = Optional.of(config);
        this.tlsOff = false;
        return this;
    }

    /** No TLS at all: STLS is neither offered nor accepted. */
    public Pop3ServerBuilder noTls() {
        this.tlsOff = true;
        return this;
    }

    /** Also listen for implicit TLS (RFC 8314, "POP3S") on {@code port}; 0 picks a free one. */
    public Pop3ServerBuilder implicitTlsPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("pop3s.port must be 0 to 65535, not " + port);
        }
        this.implicitTlsPort = Optional.of(port);
        return this;
    }

    /** When USER/PASS and other clear-text passwords are accepted; default {@link Cleartext#LOOPBACK}. */
    public Pop3ServerBuilder cleartext(Cleartext policy) {
        this.cleartext = policy;
        return this;
    }

    /**
     * Resolves client names with {@code chosen}, waiting at most {@code deadline} (counted from
     * accept) before a login or a host access rule goes on without the name; pass the resolver's own
     * deadline. The greeting never waits. Default: no resolution (deterministic for tests).
     */
    public Pop3ServerBuilder resolver(HostResolver chosen, Duration deadline) {
        this.clientChecks = new ClientChecks(chosen, deadline, clientChecks.rules());
        return this;
    }

    /** Applies access rules (tcprules-style) to every client; default none, everyone allowed. */
    public Pop3ServerBuilder accessRules(AccessRules rules) {
        this.clientChecks = new ClientChecks(clientChecks.resolver(), clientChecks.deadline(), rules);
        return this;
    }

    /** Adds a user of the built-in static authenticator. */
    public Pop3ServerBuilder user(String name, String password) {
        users.put(name, password);
        return this;
    }

    /** Uses another authenticator instead of the static users. */
    public Pop3ServerBuilder authenticator(Authenticator chosen) {
        this.authenticator = chosen;
        return this;
    }

    /** Uses another mail store instead of in-memory mailboxes. */
    public Pop3ServerBuilder store(MailStore chosen) {
        this.store = chosen;
        return this;
    }

    /**
     * How sessions of one user share an in-memory mailbox, as {@code store.maildir.lock} does for
     * maildirs: {@link LockMode#TAKEOVER} (the default: a new login of the user ends the older
     * session, which commits nothing), {@link LockMode#EXCLUSIVE} ({@code [IN-USE]} for a second
     * session) or {@link LockMode#OFF}. A store given with {@link #store} says its own mode.
     */
    public Pop3ServerBuilder maildropLock(LockMode mode) {
        this.maildropLock = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** The older switch: {@code true} is {@link LockMode#EXCLUSIVE}, {@code false} {@link LockMode#OFF}. */
    public Pop3ServerBuilder lockMaildrops(boolean lock) {
        return maildropLock(LockMode.of(lock));
    }

    public Pop3ServerBuilder listener(SessionListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Stands {@code chosen} around every command: it may change or replace replies, delay them, take
     * commands away and change the greeting; default {@link CommandInterceptor#none()}.
     */
    public Pop3ServerBuilder interceptor(CommandInterceptor chosen) {
        this.interceptor = Objects.requireNonNull(chosen, "interceptor");
        return this;
    }

    /** Connection and session limits; default {@link Limits#none()}. */
    public Pop3ServerBuilder limits(Limits chosen) {
        this.limits = Objects.requireNonNull(chosen, "limits");
        return this;
    }

    /** Which peers are proxies that send a PROXY protocol header first; default none. */
    public Pop3ServerBuilder proxy(ProxyPolicy policy) {
        this.proxy = Objects.requireNonNull(policy, "proxy");
        return this;
    }

    /**
     * The threads that run logins when the authenticator blocks (checkpassword, a database);
     * default {@link AuthThreads#defaults()}.
     */
    public Pop3ServerBuilder authThreads(AuthThreads chosen) {
        this.authThreads = Objects.requireNonNull(chosen, "authThreads");
        return this;
    }

    /** Starts the server; it accepts connections when this returns. */
    public Pop3Server start() {
        return new Pop3Server(parts());
    }

    /**
     * The protocol without a listener and without TLS, for a transport the caller brings (one
     * session over standard input and output under tcpserver or inetd).
     */
    public DetachedProtocol detached() {
        tlsOff = true;
        return new DetachedProtocol(parts());
    }

    private Parts parts() {
        Pop3Config settings = config != null
                ? config
                : new Pop3Config(
                        bind,
                        port,
                        hostname,
                        idleTimeout,
                        maxBadCommands,
                        maxLineLength,
                        failedLoginDelay,
                        maxFailedLoginDelay,
                        loginDelay,
                        expire,
                        workerThreads);
        Optional<TlsConfig> certificate = tlsOff
                ? Optional.empty()
                : Optional.of(tls.isPresent() ? tls.get() : TlsConfig.generated(settings.hostname()));
        return new Parts(
                settings,
                authenticator != null ? authenticator : users,
                store != null ? store : new MemoryStore(maildropLock),
                HealthChecks.hiddenFrom(SessionListeners.of(listeners)),
                workers(settings.workerThreads()),
                authThreads.executor(new DaemonThreads("tanpopo-auth")),
                new OnDemandTimer(new DaemonThreads("tanpopo-timer")),
                certificate,
                implicitTlsPort,
                cleartext,
                interceptor,
                clientChecks,
                limits,
                proxy,
                Math.max(1, ioThreads),
                sharedIo.isPresent() || ioThreads > 0 ? sharedIo : Optional.of(SharedIo.common()));
    }

    private static ExecutorService workers(int count) {
        return new WorkerPool(count, new DaemonThreads("tanpopo-worker"));
    }

    /**
     * Daemon threads named {@code prefix-n}. A class rather than a lambda: a lambda's class is spun
     * at its first use, which is the first server's start.
     */
    private static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
